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
 * FMAs per 2 loads and 8 broadcasts: FMA-bound, not load-bound), and {@link #kernel8Rows} and
 * {@link #kernel8Columns} do the same reading A in place. That block needs 19 vector registers;
 * a CPU with 16 (x86 without AVX-512) runs 6-row copies ({@link #kernel6} and its siblings,
 * 15 registers) over panels of 6 rows instead: {@link #MR} is chosen once, and the
 * {@code panel*} methods pick the kernel of that height. {@link #kernel4} and
 * {@link #kernel1} serve the last rows and matrices with few rows (batch-1 sampling), where MR
 * rows of padding would waste up to MR times the work. Every kernel sums each element's products in
 * the order p = 0, 1, ... in one accumulator, so the result does not depend on which kernel or
 * thread computed it.
 */
final class GemmKernels {

    /**
     * Rows of a packed A panel and of the register tile: 8 where the CPU has 32 vector registers,
     * 6 where it has 16 (x86 without AVX-512, which is where the preferred species is narrower
     * than 512 bits; there the 8-row kernel keeps 19 vectors live in 16 registers and spills).
     * Measured on a 2-core AMD EPYC (Zen 3, AVX2, FMA peak 64-83 GFLOP/s per core): the kernels
     * alone, one thread, panels in L1, 35 bursts: 8 rows median 45 GFLOP/s (best 51), 6 rows 58
     * (best 85); the harness's GEMM on two threads, one JVM per height, alternating, two rounds:
     * 2048^3 NN/NT/TN 55-77 -> 79-95 GFLOP/s, 64 x 512 x 2048 NN 38-41 -> 70-90.
     * {@code -Drnn4j.simd.tileRows} forces either; every element is summed in the same order at
     * both heights, so the choice changes speed, never bits.
     */
    static final int MR = tileRows();
    /** Columns of a packed B panel: two vectors. */
    static final int NR = 2 * N;
    /** Columns one vector covers: a panel with no more valid columns runs {@link #panelHalf}. */
    static final int HALF = N;
    /**
     * Columns of a panel in the matrix-vector layout: four NR panels side by side, so that
     * {@link #kernelRow} reads one contiguous run of eight vectors per step of k. Streaming a
     * weight matrix from L3 as one run instead of four runs 32 KiB apart (the NR layout read
     * four panels at a time): measured 7.5 -> 7.0 us per 1 MiB product on two threads.
     */
    static final int WIDE = 4 * NR;

    /**
     * Floats of a per-thread tile: the largest block any kernel spills, an MR x NR block or the two
     * rows of {@link #kernelRow2}.
     */
    static final int TILE_FLOATS = Math.max(MR * NR, 2 * WIDE);

    private GemmKernels() {
    }

    private static int tileRows() {
        int forced = SimdSettings.requestedTileRows();
        if (forced != 0) {
            return forced;
        }
        String arch = System.getProperty("os.arch", "");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86");
        // AVX2 encodes 16 vector registers, AVX-512 32; NEON and SVE have 32.
        return x86 && FloatVector.SPECIES_PREFERRED.vectorBitSize() < 512 ? 6 : 8;
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
     * Floats one step of {@link #packATransposed} copies with whole vectors: MR rounded up to
     * whole vectors, so it writes up to {@code COPY_SPAN - MR} floats of the next step too.
     */
    private static final int COPY_SPAN = (MR + N - 1) / N * N;

    /**
     * Packs rows {@code [i0, i0 + rows)} of {@code op(A) = A^T} ({@code A} stored {@code k x m})
     * for steps {@code [k0, k0 + kc)} into consecutive MR panels at {@code dst[base]}, panel
     * {@code ip} at {@code base + ip * MR * kc}. Each stored row is read once, contiguously.
     *
     * <p>Each step of a full panel is copied as whole vectors ({@link #COPY_SPAN} floats): with
     * 6-row panels and 8-lane vectors the last two land on the panel's next step, which the next
     * iteration writes over, so only the steps whose copy would reach past the panel (or past
     * {@code a}) go float by float. Float by float, the 6-row copy was 7% of an LSTM 2x256
     * training profile on Zen 3 (weight gradients, {@code A^T B}).
     *
     * <pre>{@code
     * // steps 0..511 of rows 0..95 of A^T, A stored 6400 x 1024:
     * packATransposed(a, 0, 1024, 0, 96, 0, 512, dst, 0);   // dst[ip * 6 * 512 + p * 6 + r]
     * }</pre>
     */
    static void packATransposed(float[] a, int aOff, int lda, int i0, int rows, int k0, int kc,
                                float[] dst, int base) {
        int panels = (rows + MR - 1) / MR;
        int full = rows / MR;
        int panelStride = MR * kc;
        // steps p whose vector copy stays inside the panel: p * MR + COPY_SPAN <= kc * MR
        int vectorSteps = kc * MR < COPY_SPAN ? 0 : (kc * MR - COPY_SPAN) / MR + 1;
        for (int p = 0; p < kc; p++) {
            int src = aOff + (k0 + p) * lda + i0;
            int d = base + p * MR;
            boolean vectors = p < vectorSteps && full > 0 && src + (full - 1) * MR + COPY_SPAN <= a.length;
            if (vectors) {
                for (int ip = 0; ip < full; ip++, src += MR, d += panelStride) {
                    for (int v = 0; v < COPY_SPAN; v += N) {
                        FloatVector.fromArray(F, a, src + v).intoArray(dst, d + v);
                    }
                }
            } else {
                for (int ip = 0; ip < full; ip++, src += MR, d += panelStride) {
                    for (int r = 0; r < MR; r++) {
                        dst[d + r] = a[src + r];
                    }
                }
            }
            if (full < panels) {
                int r = 0;
                for (int left = rows - full * MR; r < left; r++) {
                    dst[d + r] = a[src + r];
                }
                for (; r < MR; r++) {
                    dst[d + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs columns {@code [j0, j0 + cols)} ({@code cols <= width}) and rows {@code [k0, k0 + kc)}
     * of {@code op(B)} into one panel {@code width} columns wide ({@link #NR} or {@link #WIDE}) at
     * {@code dst[off]}: element {@code (p, j)} at {@code off + p * width + j}, zeros past {@code cols}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int j0, int cols, int k0, int kc,
                      float[] dst, int off, int width) {
        if (transB) {
            // B is stored n x k: column j of op(B) is a stored row; read it contiguously.
            for (int j = 0; j < width; j++) {
                if (j < cols) {
                    int src = bOff + (j0 + j) * ldb + k0;
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * width + j] = b[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        dst[off + p * width + j] = 0f;
                    }
                }
            }
        } else if (cols == width) {
            packBRows(b, bOff, ldb, j0, 1, k0, kc, dst, off, width);
        } else {
            for (int p = 0; p < kc; p++) {
                int src = bOff + (k0 + p) * ldb + j0;
                int d = off + p * width;
                int j = 0;
                for (; j < cols; j++) {
                    dst[d + j] = b[src + j];
                }
                for (; j < width; j++) {
                    dst[d + j] = 0f;
                }
            }
        }
    }

    /**
     * Packs {@code panels} whole panels ({@code width} columns each, none past the edge of
     * {@code op(B) = B}, not transposed) starting at column {@code j0}, rows {@code [k0, k0 + kc)},
     * into consecutive panels at {@code dst[off]} ({@code kc * width} floats apart): row by row,
     * so that each row of B is read as one run of {@code panels * width} floats.
     */
    static void packBRows(float[] b, int bOff, int ldb, int j0, int panels, int k0, int kc, float[] dst, int off,
                          int width) {
        int panelStride = kc * width;
        for (int p = 0; p < kc; p++) {
            int src = bOff + (k0 + p) * ldb + j0;
            int d = off + p * width;
            for (int jp = 0; jp < panels; jp++, d += panelStride) {
                for (int j = 0; j < width; j += N, src += N) {
                    FloatVector.fromArray(F, b, src).intoArray(dst, d + j);
                }
            }
        }
    }

    // ---- stores -------------------------------------------------------------------------
    //
    // The kernels spill their accumulators into a per-thread tile with intoArray and a separate
    // method applies alpha and beta. Passing the 16 vectors to a store helper instead would need
    // C2 to inline that helper too; past its node budget it does not, the vectors escape and are
    // boxed on every iteration (100 MB per training step). The tile costs 2 KiB of L1 traffic
    // per 8 x 2-vector block, against 10 loads per k step in the loop.

    /**
     * Writes {@code rows x cols} of the tile (rows {@code NR} apart) to C:
     * {@code c = alpha * tile + beta * c}, ignoring old C when beta is 0.
     */
    static void storeTile(float[] tile, int rows, int cols, float[] c, int cOff, int ldc, float alpha, float beta) {
        for (int r = 0; r < rows; r++) {
            storeRow(tile, r * NR, cols, c, cOff + r * ldc, alpha, beta);
        }
    }

    /** {@code c[cOff + j] = alpha * tile[t + j] + beta * c[cOff + j]} for {@code j < cols}, as {@link #storeTile}. */
    static void storeRow(float[] tile, int t, int cols, float[] c, int at, float alpha, float beta) {
        FloatVector a = FloatVector.broadcast(F, alpha);
        FloatVector b = FloatVector.broadcast(F, beta);
        int j = 0;
        for (; j + N <= cols; j += N) {
            FloatVector v = FloatVector.fromArray(F, tile, t + j).mul(a);
            if (beta != 0f) {
                v = FloatVector.fromArray(F, c, at + j).fma(b, v);
            }
            v.intoArray(c, at + j);
        }
        for (; j < cols; j++) {
            float v = alpha * tile[t + j];
            c[at + j] = beta == 0f ? v : beta * c[at + j] + v;
        }
    }

    // ---- kernels ------------------------------------------------------------------------

    // Three copies of one 8 x 2-vector kernel, one per way of addressing A. Each reads its eight
    // values of A at constant offsets from one index, or from eight indices that grow by one per
    // step: C2 then hoists or merges the range checks, and no stride is held in a register. One
    // kernel taking both strides as arguments checked every load of A (eight compare-and-branch
    // pairs per step) and spilled three strides to the stack (16 general registers for the
    // pointers, the eight row offsets and the counters); measured against it in one JVM, old and
    // new alternating: GEMM 2048^3 NN +2.5% (median of 8 rounds, 0.99-1.06), the weight
    // gradient's TN 1024 x 256 x 6400 +6..+19% (5 of 6 rounds ahead), LSTM 2x256 training steps
    // +0.9% and +2.4% (medians of two runs of 7 rounds, the host drifting by 25% between them).

    /**
     * {@code C[rows x cols] = alpha * Apanel . Bpanel + beta * C} over {@code kc} steps, for up to
     * 8 rows of one packed A panel of 8 rows (element {@code (r, p)} at {@code aOff + p * 8 + r}) and one B
     * panel. The rows past {@code rows} are the panel's zero padding; only {@code rows x cols} of C
     * are written.
     */
    static void kernel8(int kc, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * 8;
            int bi = bOff + p * NR;
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + N);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + N);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + N);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /**
     * As {@link #kernel8} for eight full rows of a row-major matrix read in place: element
     * {@code (r, p)} at {@code aOff + r * lda + p} (a tile that spans the width of a product
     * reads each k block of A once, and the recurrences read {@code h_{t-1}} where it was written).
     */
    static void kernel8Rows(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                        float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int a0 = aOff;
        int a1 = aOff + lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        int a6 = aOff + 6 * lda;
        int a7 = aOff + 7 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + N);
            FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(F, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(F, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + N);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + N);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + N);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /**
     * As {@link #kernel8} for eight columns of a row-major matrix read in place, that is eight
     * rows of {@code op(A) = A^T}: element {@code (r, p)} at {@code aOff + p * lda + r} (a weight
     * gradient's gate gradients, {@code dGates^T}).
     */
    static void kernel8Columns(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                        float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int ai = aOff;
        for (int p = 0; p < kc; p++, ai += lda) {
            int bi = bOff + p * NR;
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + N);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + N);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + N);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /**
     * As {@link #kernel8} when the panel holds at most one vector of valid columns (the last
     * panel of a narrow product, e.g. a 65-class head): half the FMAs of the full kernel. Element
     * {@code (r, p)} of A is read at {@code aOff + r * rowStride + p * stepStride}: {@code (1, 8)}
     * for a packed panel, {@code (lda, 1)} or {@code (1, lda)} in place (it runs once per row panel
     * and k block of such a product, so its range checks are not worth a copy per addressing).
     */
    static void kernel8Half(int kc, float[] a, int aOff, int rowStride, int stepStride, float[] b, int bOff,
                            float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int r1 = rowStride;
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        int r4 = 4 * rowStride;
        int r5 = 5 * rowStride;
        int r6 = 6 * rowStride;
        int r7 = 7 * rowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += stepStride, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            c0 = FloatVector.broadcast(F, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a[ai + r1]).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a[ai + r2]).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a[ai + r3]).fma(b0, c3);
            c4 = FloatVector.broadcast(F, a[ai + r4]).fma(b0, c4);
            c5 = FloatVector.broadcast(F, a[ai + r5]).fma(b0, c5);
            c6 = FloatVector.broadcast(F, a[ai + r6]).fma(b0, c6);
            c7 = FloatVector.broadcast(F, a[ai + r7]).fma(b0, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, 1 * NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
        c6.intoArray(tile, 6 * NR);
        c7.intoArray(tile, 7 * NR);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    // ---- the 6-row copies, for 16 vector registers -----------------------------------------
    //
    // The packed, rows-in-place and one-vector kernels with six rows: 12 accumulators, the two
    // vectors of B and a broadcast fill 15 of the 16 registers of AVX2. The order of every sum is
    // the 8-row kernels' order. They are written out rather than shared with the 8-row copies:
    // accumulators held in an array or passed to a helper are spilled or boxed by C2. There is
    // no 6-row columns-in-place kernel: A is read in place only with 8-row panels (Gemm.A_IN_PLACE).

    /** As {@link #kernel8} for a panel of 6 rows ({@code MR == 6}). */
    static void kernel6(int kc, float[] a, int aOff, float[] b, int bOff,
                        float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < kc; p++) {
            int ai = aOff + p * 6;
            int bi = bOff + p * NR;
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
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + N);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /** As {@link #kernel8Rows} for six full rows read in place. */
    static void kernel6Rows(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                        float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        int a0 = aOff;
        int a1 = aOff + lda;
        int a2 = aOff + 2 * lda;
        int a3 = aOff + 3 * lda;
        int a4 = aOff + 4 * lda;
        int a5 = aOff + 5 * lda;
        for (int p = 0; p < kc; p++) {
            int bi = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            FloatVector b1 = FloatVector.fromArray(F, b, bi + N);
            FloatVector x = FloatVector.broadcast(F, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + N);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /** As {@link #kernel8Half} for 6 rows. */
    static void kernel6Half(int kc, float[] a, int aOff, int rowStride, int stepStride, float[] b, int bOff,
                            float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        int r1 = rowStride;
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        int r4 = 4 * rowStride;
        int r5 = 5 * rowStride;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += stepStride, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(F, b, bi);
            c0 = FloatVector.broadcast(F, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(F, a[ai + r1]).fma(b0, c1);
            c2 = FloatVector.broadcast(F, a[ai + r2]).fma(b0, c2);
            c3 = FloatVector.broadcast(F, a[ai + r3]).fma(b0, c3);
            c4 = FloatVector.broadcast(F, a[ai + r4]).fma(b0, c4);
            c5 = FloatVector.broadcast(F, a[ai + r5]).fma(b0, c5);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, 1 * NR);
        c2.intoArray(tile, 2 * NR);
        c3.intoArray(tile, 3 * NR);
        c4.intoArray(tile, 4 * NR);
        c5.intoArray(tile, 5 * NR);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    // ---- the MR-row kernel of this JVM -------------------------------------------------------
    //
    // MR is a static final: C2 folds each test below to a direct call of this height's kernel.

    /** {@link #kernel8} or {@link #kernel6}: one packed panel of {@link #MR} rows. */
    static void panel(int kc, float[] a, int aOff, float[] b, int bOff,
                      float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        if (MR == 8) {
            kernel8(kc, a, aOff, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        } else {
            kernel6(kc, a, aOff, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        }
    }

    /** {@link #kernel8Rows} or {@link #kernel6Rows}: {@link #MR} full rows read in place. */
    static void panelRows(int kc, float[] a, int aOff, int lda, float[] b, int bOff,
                          float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        if (MR == 8) {
            kernel8Rows(kc, a, aOff, lda, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        } else {
            kernel6Rows(kc, a, aOff, lda, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        }
    }

    /** {@link #kernel8Half} or {@link #kernel6Half}: {@link #MR} rows by one vector of columns. */
    static void panelHalf(int kc, float[] a, int aOff, int rowStride, int stepStride, float[] b, int bOff,
                          float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta, float[] tile) {
        if (MR == 8) {
            kernel8Half(kc, a, aOff, rowStride, stepStride, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        } else {
            kernel6Half(kc, a, aOff, rowStride, stepStride, b, bOff, c, cOff, ldc, rows, cols, alpha, beta, tile);
        }
    }

    /** As {@link #panel} for up to 4 rows (the first four of the MR-row A panel at {@code aOff}). */
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
        c00.intoArray(tile, 0);
        c01.intoArray(tile, N);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + N);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + N);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + N);
        storeTile(tile, rows, cols, c, cOff, ldc, alpha, beta);
    }

    /**
     * One row against up to four consecutive B panels ({@code panelStride} floats apart), so that
     * a matrix-vector product (batch-1 sampling) still has eight independent FMA chains. Step
     * {@code p} of the row is read at {@code aOff + p * aStep}: {@code MR} in a packed panel,
     * {@code 1} (or a stored matrix's leading dimension) for a row read in place.
     */
    static void kernel1(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int panelStride, int panels,
                        float[] c, int cOff, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int ai = aOff;
        int bi = bOff;
        if (panels == 4) {
            int s2 = 2 * panelStride;
            int s3 = 3 * panelStride;
            for (int p = 0; p < kc; p++, ai += aStep, bi += NR) {
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
            // four panels side by side form one row of 4 NR columns in the tile
            c0.intoArray(tile, 0);
            c1.intoArray(tile, N);
            c2.intoArray(tile, NR);
            c3.intoArray(tile, NR + N);
            c4.intoArray(tile, 2 * NR);
            c5.intoArray(tile, 2 * NR + N);
            c6.intoArray(tile, 3 * NR);
            c7.intoArray(tile, 3 * NR + N);
            storeTile(tile, 1, cols, c, cOff, 0, alpha, beta);
        } else {
            for (int p = 0; p < kc; p++, ai += aStep, bi += NR) {
                FloatVector x = FloatVector.broadcast(F, a[ai]);
                c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
                c1 = x.fma(FloatVector.fromArray(F, b, bi + N), c1);
            }
            c0.intoArray(tile, 0);
            c1.intoArray(tile, N);
            storeTile(tile, 1, cols, c, cOff, 0, alpha, beta);
        }
    }

    /**
     * {@code C[1 x cols] = alpha * a . Bwide + beta * C} over {@code kc} steps, for one row of A
     * (read at {@code aOff}, {@code aStep} apart) and one panel of the {@link #WIDE} layout:
     * eight vectors of B per step, each in its own accumulator (eight FMA chains hide the FMA
     * latency), summed in the order p = 0, 1, ... as {@link #kernel1} sums them.
     */
    static void kernelRow(int kc, float[] a, int aOff, int aStep, float[] b, int bOff,
                          float[] c, int cOff, int cols, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        int ai = aOff;
        int bi = bOff;
        for (int p = 0; p < kc; p++, ai += aStep, bi += WIDE) {
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, bi + N), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, bi + 2 * N), c2);
            c3 = x.fma(FloatVector.fromArray(F, b, bi + 3 * N), c3);
            c4 = x.fma(FloatVector.fromArray(F, b, bi + 4 * N), c4);
            c5 = x.fma(FloatVector.fromArray(F, b, bi + 5 * N), c5);
            c6 = x.fma(FloatVector.fromArray(F, b, bi + 6 * N), c6);
            c7 = x.fma(FloatVector.fromArray(F, b, bi + 7 * N), c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, N);
        c2.intoArray(tile, 2 * N);
        c3.intoArray(tile, 3 * N);
        c4.intoArray(tile, 4 * N);
        c5.intoArray(tile, 5 * N);
        c6.intoArray(tile, 6 * N);
        c7.intoArray(tile, 7 * N);
        storeTile(tile, 1, cols, c, cOff, 0, alpha, beta);
    }

    /**
     * {@link #kernelRow} over two panels of the wide layout at once ({@code bOff} and
     * {@code bOff2}, results at {@code cOff} and {@code cOff2}, both {@link #WIDE} columns), each
     * element summed exactly as {@code kernelRow} sums it. Why: a matrix-vector product streams
     * its weights from L3, and one core keeps more of them in flight reading two runs than one
     * (measured on one core, 1.5 MiB of panels per pass: 79 GB/s one panel at a time, 89-90 GB/s
     * two; both cores 153-159 and 162-173, docs/benchmarks.md).
     */
    static void kernelRow2(int kc, float[] a, int aOff, int aStep, float[] b, int bOff, int bOff2,
                           float[] c, int cOff, int cOff2, float alpha, float beta, float[] tile) {
        FloatVector z = FloatVector.zero(F);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z, c6 = z, c7 = z;
        FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z, d6 = z, d7 = z;
        int ai = aOff;
        int bi = bOff;
        int bj = bOff2;
        for (int p = 0; p < kc; p++, ai += aStep, bi += WIDE, bj += WIDE) {
            FloatVector x = FloatVector.broadcast(F, a[ai]);
            c0 = x.fma(FloatVector.fromArray(F, b, bi), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, bi + N), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, bi + 2 * N), c2);
            c3 = x.fma(FloatVector.fromArray(F, b, bi + 3 * N), c3);
            c4 = x.fma(FloatVector.fromArray(F, b, bi + 4 * N), c4);
            c5 = x.fma(FloatVector.fromArray(F, b, bi + 5 * N), c5);
            c6 = x.fma(FloatVector.fromArray(F, b, bi + 6 * N), c6);
            c7 = x.fma(FloatVector.fromArray(F, b, bi + 7 * N), c7);
            d0 = x.fma(FloatVector.fromArray(F, b, bj), d0);
            d1 = x.fma(FloatVector.fromArray(F, b, bj + N), d1);
            d2 = x.fma(FloatVector.fromArray(F, b, bj + 2 * N), d2);
            d3 = x.fma(FloatVector.fromArray(F, b, bj + 3 * N), d3);
            d4 = x.fma(FloatVector.fromArray(F, b, bj + 4 * N), d4);
            d5 = x.fma(FloatVector.fromArray(F, b, bj + 5 * N), d5);
            d6 = x.fma(FloatVector.fromArray(F, b, bj + 6 * N), d6);
            d7 = x.fma(FloatVector.fromArray(F, b, bj + 7 * N), d7);
        }
        // the tile holds 2 * WIDE floats: both rows side by side, stored one after the other
        c0.intoArray(tile, 0);
        c1.intoArray(tile, N);
        c2.intoArray(tile, 2 * N);
        c3.intoArray(tile, 3 * N);
        c4.intoArray(tile, 4 * N);
        c5.intoArray(tile, 5 * N);
        c6.intoArray(tile, 6 * N);
        c7.intoArray(tile, 7 * N);
        d0.intoArray(tile, WIDE);
        d1.intoArray(tile, WIDE + N);
        d2.intoArray(tile, WIDE + 2 * N);
        d3.intoArray(tile, WIDE + 3 * N);
        d4.intoArray(tile, WIDE + 4 * N);
        d5.intoArray(tile, WIDE + 5 * N);
        d6.intoArray(tile, WIDE + 6 * N);
        d7.intoArray(tile, WIDE + 7 * N);
        storeRow(tile, 0, WIDE, c, cOff, alpha, beta);
        storeRow(tile, WIDE, WIDE, c, cOff2, alpha, beta);
    }
}
