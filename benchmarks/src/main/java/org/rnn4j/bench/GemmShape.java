package org.rnn4j.bench;

import java.util.List;

/**
 * A GEMM of the issue: {@code M x K x N} ({@code op(A)} is {@code M x K}, {@code op(B)} is
 * {@code K x N}) in one of the layouts NN, NT, TN (T: that operand stored transposed). The RNN
 * shapes are: 64x512x2048, a recurrent step of LSTM 2x512 at batch 64; 6400x65x1024, the one-hot
 * input projection of LSTM 2x256 over 100 steps x 64 sequences; 6400x256x1024, the second layer's
 * input projection; 2048^3, the classic square one.
 *
 * <pre>{@code
 * for (GemmShape s : GemmShape.ALL) backend.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), ...);
 * }</pre>
 *
 * @param m      rows of C
 * @param k      the reduction length
 * @param n      columns of C
 * @param layout {@code NN}, {@code NT} or {@code TN}
 */
public record GemmShape(int m, int k, int n, String layout) {

    /** The sizes of the issue, each in NN, NT and TN. */
    public static final List<GemmShape> ALL = List.of(
            new GemmShape(64, 512, 2048, "NN"), new GemmShape(64, 512, 2048, "NT"), new GemmShape(64, 512, 2048, "TN"),
            new GemmShape(6400, 65, 1024, "NN"), new GemmShape(6400, 65, 1024, "NT"),
            new GemmShape(6400, 65, 1024, "TN"),
            new GemmShape(6400, 256, 1024, "NN"), new GemmShape(6400, 256, 1024, "NT"),
            new GemmShape(6400, 256, 1024, "TN"),
            new GemmShape(2048, 2048, 2048, "NN"), new GemmShape(2048, 2048, 2048, "NT"),
            new GemmShape(2048, 2048, 2048, "TN"));

    /** The GPU target of the CUDA issue: 4096^3, NN, to compare with cuBLAS through PyTorch. */
    public static final GemmShape GPU_TARGET = new GemmShape(4096, 4096, 4096, "NN");

    /** Parses {@code 64x512x2048}. */
    public static GemmShape parse(String mkn, String layout) {
        String[] p = mkn.split("x");
        if (p.length != 3) {
            throw new IllegalArgumentException("a GEMM shape is MxKxN, got " + mkn);
        }
        return new GemmShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), layout);
    }

    /** A is stored {@code K x M}. */
    public boolean transA() {
        return layout.charAt(0) == 'T';
    }

    /** B is stored {@code N x K}. */
    public boolean transB() {
        return layout.charAt(1) == 'T';
    }

    /** Leading dimension of A as stored. */
    public int lda() {
        return transA() ? m : k;
    }

    /** Leading dimension of B as stored. */
    public int ldb() {
        return transB() ? k : n;
    }

    /** Floating-point operations of one product. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** {@code 64x512x2048}. */
    public String size() {
        return m + "x" + k + "x" + n;
    }

    /** {@code gemm-NT-64x512x2048}, the row name in tables. */
    public String name() {
        return "gemm-" + layout + "-" + size();
    }
}
