package org.rnn4j.core.reference;

/** Scalar matrix kernels in double precision on plain row-major arrays. */
final class LinearMath {

    private LinearMath() {
    }

    /**
     * {@code C = alpha op(A) op(B) + beta C}, accumulating each dot product in double in the
     * order p = 0..k-1. {@code row} is scratch of at least {@code n} doubles.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double beta, double[] c, int cOff, int ldc, double[] row) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(row, 0, n, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bOff + j * ldb + p];
                    }
                } else {
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bRow + j];
                    }
                }
            }
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                // beta == 0 ignores C entirely, so stale NaNs in an output buffer cannot leak in.
                c[cRow + j] = beta == 0 ? alpha * row[j] : alpha * row[j] + beta * c[cRow + j];
            }
        }
    }

    static void addRowVector(int rows, int cols, double[] v, int vOff, double[] x, int xOff) {
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * cols;
            for (int c = 0; c < cols; c++) {
                x[base + c] += v[vOff + c];
            }
        }
    }

    static void sumRows(int rows, int cols, double[] x, int xOff, double beta, double[] out, int outOff) {
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += x[xOff + r * cols + c];
            }
            out[outOff + c] = beta == 0 ? sum : beta * out[outOff + c] + sum;
        }
    }
}
