package org.rnn4j.tck;

/**
 * The error bounds of the backend contract. {@link #DEFAULT} is the contract; a backend may state
 * tighter bounds by overriding {@link BackendContract#tolerances()}, never looser ones (the kit
 * checks that). Every bound compares a float32 result with the float64 oracle
 * {@code reference-f64} run on the same float inputs.
 *
 * <table>
 *   <caption>The default bounds</caption>
 *   <tr><th>kernels</th><th>bound on {@code |actual - ref|}</th></tr>
 *   <tr><td>copy, fill, upload, download, gather, clamp, relu, identity, scatter-add without
 *       repeated rows</td><td>0 (the oracle's value rounded to the backend's precision)</td></tr>
 *   <tr><td>dropoutMask</td><td>0, bit for bit</td></tr>
 *   <tr><td>arithmetic element-wise kernels: axpby, multiply, addRowVector, activation
 *       derivatives, Elman/GRU/Jordan backward, squared-error gradient, scatter-add of repeated
 *       rows</td><td>{@code 1e-6 + 1e-5 |ref|} ({@link #elementwise})</td></tr>
 *   <tr><td>optimiser steps: the parameters and every state buffer, after each of five steps</td>
 *       <td>{@code 1e-6 + 1e-5 (|ref| + |ref before the step|)}: each is updated as
 *       {@code x = a x + u}, whose rounding follows both terms, which can cancel</td></tr>
 *   <tr><td>kernels with tanh, sigmoid or exp: activations, LSTM/GRU/Elman/Jordan forward, LSTM
 *       backward</td><td>{@code 2e-6 + 2e-5 |ref|} ({@link #transcendental}), room for the
 *       polynomial approximations of SIMD backends</td></tr>
 *   <tr><td>softmax probabilities {@code p} at temperature {@code T}, and the cross-entropy
 *       gradient {@code gradScale (p - onehot)}</td><td>{@code |gradScale| (2e-6 + (2e-5 + 2
 *       2^-24 max|l_row| / T) p)} (gradScale 1 for softmax): the transcendental bound relative to
 *       {@code p}, which carries the error (not {@code p - 1}), plus the rounding of a float32
 *       exponent as large as the row's logits</td></tr>
 *   <tr><td>reductions returning or storing a sum of {@code n} terms: sumOfSquares, sumRows,
 *       squaredError, softmaxCrossEntropy</td><td>{@code (1e-5 + n 2^-24) S}
 *       ({@link #reductionBound}), {@code S} the sum of the absolute values of the terms:
 *       any summation order of float32 stays within {@code (n - 1) 2^-24 S}</td></tr>
 *   <tr><td>whole-sequence kernels ({@code SequenceKernels}) after {@code T} steps whose
 *       products sum {@code k} terms</td><td>{@code T (2e-6 + 8 k 2^-24) + T 2e-5 |ref|}
 *       ({@link #sequence}): per step the transcendental bound plus the GEMM bound of a product
 *       of unit scale, as the inputs of the kit have (states in (-1, 1), weights in
 *       {@code (-1/sqrt(H), 1/sqrt(H))})</td></tr>
 *   <tr><td>gemm, element {@code (i, j)}</td><td>{@code 8 k 2^-24 (|alpha| (|A||B|)_ij + |beta|
 *       |C_ij|) + 1e-7} ({@link #gemmBound}), {@code |A||B|} computed by the oracle on absolute
 *       values: a rigorous float32 bound for any order of the {@code k} products</td></tr>
 * </table>
 *
 * <pre>{@code
 * // a backend that accumulates GEMMs in double may promise more:
 * protected Tolerances tolerances() {
 *     return new Tolerances(Tolerances.DEFAULT.elementwise(), Tolerances.DEFAULT.transcendental(),
 *             1e-5, 2, 1e-7);
 * }
 * }</pre>
 *
 * @param elementwise    per element of kernels built from +, -, *, / and sqrt
 * @param transcendental per element of kernels that evaluate tanh, sigmoid or exp
 * @param reduction      relative error, of the sum of absolute terms, allowed on top of
 *                       {@code n 2^-24} for a sum of {@code n} terms
 * @param gemmFactor     multiple of {@code k 2^-24} allowed per unit of {@code |alpha||A||B| +
 *                       |beta||C|}
 * @param gemmAbsolute   added to every GEMM bound, for results near zero
 */
public record Tolerances(Tolerance elementwise, Tolerance transcendental, double reduction,
                         double gemmFactor, double gemmAbsolute) {

    /** The unit roundoff of float32, {@code 2^-24}. */
    public static final double FLOAT_UNIT_ROUNDOFF = 0x1p-24;

    /** The contract's bounds: every backend must meet them. */
    public static final Tolerances DEFAULT = new Tolerances(
            new Tolerance(1e-6, 1e-5), new Tolerance(2e-6, 2e-5), 1e-5, 8, 1e-7);

    /** Rejects missing or negative bounds. */
    public Tolerances {
        if (elementwise == null || transcendental == null) {
            throw new IllegalArgumentException("element-wise tolerances must not be null");
        }
        if (!(reduction >= 0 && gemmFactor >= 0 && gemmAbsolute >= 0)
                || Double.isInfinite(reduction) || Double.isInfinite(gemmFactor) || Double.isInfinite(gemmAbsolute)) {
            throw new IllegalArgumentException("reduction and GEMM bounds must be finite and >= 0, got "
                    + reduction + ", " + gemmFactor + ", " + gemmAbsolute);
        }
    }

    /**
     * The error allowed on a sum of {@code terms} terms whose absolute values add up to
     * {@code sumOfAbsoluteTerms}.
     */
    public double reductionBound(long terms, double sumOfAbsoluteTerms) {
        return (reduction + terms * FLOAT_UNIT_ROUNDOFF) * sumOfAbsoluteTerms;
    }

    /**
     * The error allowed on element {@code (i, j)} of {@code C = alpha op(A) op(B) + beta C}, where
     * {@code absProduct} is {@code (|op(A)| |op(B)|)_ij} and {@code absC} the old {@code |C_ij|}
     * (ignored when {@code beta == 0}, since C may then hold NaN).
     */
    public double gemmBound(int k, float alpha, double absProduct, float beta, double absC) {
        double scale = Math.abs(alpha) * absProduct + (beta == 0 ? 0 : Math.abs(beta) * absC);
        return gemmFactor * Math.max(1, k) * FLOAT_UNIT_ROUNDOFF * scale + gemmAbsolute;
    }

    /**
     * The error allowed on an element of a whole-sequence kernel after {@code steps} steps whose
     * products sum {@code k} terms each: per step, the transcendental bound and the GEMM bound
     * of a unit-scale product; the recurrences of the kit contract, so errors add up rather than
     * grow.
     */
    public Tolerance sequence(int steps, int k) {
        double perStepGemm = gemmFactor * Math.max(1, k) * FLOAT_UNIT_ROUNDOFF + gemmAbsolute;
        return new Tolerance(steps * (transcendental.absolute() + perStepGemm), steps * transcendental.relative());
    }

    /** Whether every bound here is at most the corresponding bound of {@code other}. */
    public boolean isNoLooserThan(Tolerances other) {
        return elementwise.isNoLooserThan(other.elementwise)
                && transcendental.isNoLooserThan(other.transcendental)
                && reduction <= other.reduction
                && gemmFactor <= other.gemmFactor
                && gemmAbsolute <= other.gemmAbsolute;
    }
}
