package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked micro-kernels of the GEMM and the packing routines that feed them.
 *
 * <p><b>Packed layouts.</b> {@code op(A)} is packed in panels of {@link #MR} rows: element
 * {@code (r, p)} of a panel at {@code p * MR + r}, so one step of {@code p} reads MR consecutive
 * floats to broadcast. {@code op(B)} is packed in panels of {@link #NR} = two vectors of columns:
 * element {@code (p, j)} at {@code p * NR + j}, so one step reads two aligned vectors. Edges are
 * zero-padded, so the kernels have no tails; transposes are resolved while packing.
 *
 * <p><b>Kernels.</b> {@link #kernel8} keeps an 8 x 2-vector block of C in 16 vector locals (16
 * FMAs per 2 loads and 8 broadcasts: FMA-bound, not load-bound); {@link #kernel4} and
 * {@link #kernel1} serve the last rows and matrices with few rows (batch-1 sampling), where eight
 * rows of padding would waste up to 8x the work. Every kernel sums each element's products in
 * the order p = 0, 1, ... in one accumulator, so the result does not depend on which kernel or
 * thread computed it.
 */
final class GemmKernels {

    /** Rows of a packed A panel. */
    static final int MR = 8;
    /** Columns of a packed B panel: two vectors. */
    static final int NR = 2 * N;

    private GemmKernels() {
    }

    // ---- packing ------------------------------------------------------------------------

    /**
     * Packs rows {@code [i0, i0 + rows)} (rows <= MR) and columns {@code [k0, k0 + kc)} of
     * {@code op(A)} into one MR panel at {@code dst[off]}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int k0, int kc,
                      float[] dst, int off) {
        if (transA) {
            // A is stored k x m: each step p is MR consecutive floats of one stored row.
            for (int p = 0; p < kc; p++) {
                int src = aOff + (k0 + p) * lda + i0;
                int d = off + p * MR;
                int r = 0;
                for (; r < rows; r++) {
                    dst[d + r] = a[src + r];
                }
                for (; r < MR; r++) {
                    dst[d + r] = 0f;
                }
            }
        } else {
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int src = aOff + (i0 + r) * lda + k0;
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * MR + r] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    /**
     * Packs columns {@code [j0, j0 + cols)} (cols <= NR) and rows {@code [k0, k0 + kc)} of
     * {@code op(B)} into one NR panel at {@code dst[off]}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int j0, int cols, int k0, int kc,
                      float[] dst, int off) {
        if (transB) {
            // B is stored n x k: column j of op(B) is a stored row; read it contiguously.
            for (int j = 0; j < NR; j++) {
                if (j < cols) {
                    int src = bOff + (j0 + j) * ldb + k0;
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * NR + j] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * NR + j] = 0f;
                    }
                }
            }
        } else if (cols == NR) {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (k0 + p) * ldb + j0;
                int d = off + p * NR;
                FloatVector.fromArray(F, b, src).intoArray(dst, d);
                FloatVector.fromArray(F, b, src + N).intoArray(dst, d + N);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (k0 + p) * ldb + j0;
                int d = off + p * NR;
                int j = 0;
                for (; j < cols; j++) {
                    dst[d + j] = b[src + j];
                }
                for (; j < NR; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    // ---- stores -------------------------------------------------------------------------

    /**
     * Writes one vector of a C row: {@code c = alpha * acc + beta * c}, ignoring old C when beta
     * is 0. {@code valid < N} columns go through {@code tile} so nothing past the matrix is
     * touched.
     */
    private static void store(FloatVector acc, float[] c, int off, int valid, float alpha, float beta, float[] tile) {
        if (valid >= N) {
            FloatVector r = acc.mul(alpha);
            if (beta != 0f) {
                r = FloatVector.fromArray(F, c, off).fma(FloatVector.broadcast(F, beta), r);
            }
            r.intoArray(c, off);
        } else if (valid > 0) {
            acc.intoArray(tile, 0);
            for (int j = 0; j < valid; j++) {
                float v = alpha * tile[j];
                c[off + j] = beta == 0f ? v : beta * c[off + j] + v;
            }
        }
    }

    /** Stores one row of a 2-vector block; {@code cols} valid columns. */
    private static void storeRow(FloatVector lo, FloatVector hi, float[] c, int off, int cols, float alpha,
                                 float beta, float[] tile) {
        store(lo, c, off, cols, alpha, beta, tile);
        store(hi, c, off + N, cols - N, alpha, beta, tile);
    }

    // ---- kernels ------------------------------------------------------------------------

    /**
     * {@code C[rows x cols] = alpha * Apanel . Bpanel + beta * C} over {@code kc} steps, for up to
     * 8 rows of one A panel and one B panel.
     */
    static void kernel8(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                        int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + N);
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        storeRow(c00, c01, c, cOff, cols, alpha, beta, tile);
        if (rows > 1) {
            storeRow(c10, c11, c, cOff + ldc, cols, alpha, beta, tile);
        }
        if (rows > 2) {
            storeRow(c20, c21, c, cOff + 2 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 3) {
            storeRow(c30, c31, c, cOff + 3 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 4) {
            storeRow(c40, c41, c, cOff + 4 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 5) {
            storeRow(c50, c51, c, cOff + 5 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 6) {
            storeRow(c60, c61, c, cOff + 6 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 7) {
            storeRow(c70, c71, c, cOff + 7 * ldc, cols, alpha, beta, tile);
        }
    }

    /** As {@link #kernel8} for up to 4 rows, starting at row {@code aRow} of the A panel. */
    static void kernel4(int kc, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int ldc,
                        int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + N);
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        storeRow(c00, c01, c, cOff, cols, alpha, beta, tile);
        if (rows > 1) {
            storeRow(c10, c11, c, cOff + ldc, cols, alpha, beta, tile);
        }
        if (rows > 2) {
            storeRow(c20, c21, c, cOff + 2 * ldc, cols, alpha, beta, tile);
        }
        if (rows > 3) {
            storeRow(c30, c31, c, cOff + 3 * ldc, cols, alpha, beta, tile);
        }
    }

    /**
     * One row against up to four consecutive B panels ({@code panelStride} floats apart), so that
     * a matrix-vector product (batch-1 sampling) still has eight independent FMA chains.
     */
    static void kernel1(int kc, float[] a, int aOff, float[] b, int bOff, int panelStride, int panels,
                        float[] c, int cOff, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int ai = aOff;
        int bi = bOff;
        if (panels == 4) {
            int s2 = 2 * panelStride;
            int s3 = 3 * panelStride;
            for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
                FloatVector x = FloatVector.broadcast(F, a[ai]);
                c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
                c1 = x.fma(FloatVector.fromArray(F, b, bi + N), c1);
                c2 = x.fma(FloatVector.fromArray(F, b, bi + panelStride), c2);
                c3 = x.fma(FloatVector.fromArray(F, b, bi + panelStride + N), c3);
                c4 = x.fma(FloatVector.fromArray(F, b, bi + s2), c4);
                c5 = x.fma(FloatVector.fromArray(F, b, bi + s2 + N), c5);
                c6 = x.fma(FloatVector.fromArray(F, b, bi + s3), c6);
                c7 = x.fma(FloatVector.fromArray(F, b, bi + s3 + N), c7);
            }
            storeRow(c0, c1, c, cOff, NR, alpha, beta, tile);
            storeRow(c2, c3, c, cOff + NR, NR, alpha, beta, tile);
            storeRow(c4, c5, c, cOff + 2 * NR, NR, alpha, beta, tile);
            storeRow(c6, c7, c, cOff + 3 * NR, cols - 3 * NR, alpha, beta, tile);
        } else {
            for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
                FloatVector x = FloatVector.broadcast(F, a[ai]);
                c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
                c1 = x.fma(FloatVector.fromArray(F, b, bi + N), c1);
            }
            storeRow(c0, c1, c, cOff, cols, alpha, beta, tile);
        }
    }
}
