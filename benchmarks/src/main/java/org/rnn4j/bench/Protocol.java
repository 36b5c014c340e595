package org.rnn4j.bench;

/**
 * How long to warm up and how many repetitions to time; the PyTorch script uses the same numbers.
 * Warm-up runs whole steps until both {@code warmupSeconds} and {@code warmupSteps} are reached
 * (the JIT compiles the hot loop, PyTorch's allocator settles); each repetition then runs whole
 * steps until both {@code repSeconds} and {@code repSteps} are reached. The reported rate is the
 * median of the repetitions.
 *
 * <pre>{@code
 * Protocol p = quick ? Protocol.QUICK : Protocol.STANDARD;
 * }</pre>
 *
 * @param warmupSeconds minimum warm-up time
 * @param warmupSteps   minimum warm-up steps (sampling: calls)
 * @param reps          timed repetitions
 * @param repSeconds    minimum time per repetition
 * @param repSteps      minimum steps per repetition (sampling: calls)
 */
public record Protocol(double warmupSeconds, int warmupSteps, int reps, double repSeconds, int repSteps) {

    /** The protocol of the published numbers. */
    public static final Protocol STANDARD = new Protocol(5, 3, 5, 2, 2);
    /** A smoke run: numbers are not steady state. */
    public static final Protocol QUICK = new Protocol(0.3, 1, 2, 0.2, 1);
    /** GEMM in the harness: one shape takes about 3 s. */
    public static final Protocol GEMM = new Protocol(1, 3, 5, 0.4, 2);
    /** GEMM in a quick run. */
    public static final Protocol GEMM_QUICK = new Protocol(0.1, 1, 1, 0.1, 1);
}
