package org.rnn4j.backend.simd;

/**
 * A unit of parallel work: chunk {@code chunk} of a job, run by worker {@code worker} (0 is the
 * calling thread). Kernels keep one pre-allocated job object per kernel and set its fields
 * before dispatch, so dispatch allocates nothing (a capturing lambda would allocate per call).
 *
 * <p>Determinism: a job's chunks must write disjoint outputs and must not depend on which
 * worker runs them (the worker index only picks scratch memory); then the result is the same
 * whatever the timing.
 */
interface ParallelJob {

    /** Runs chunk {@code chunk}; {@code worker} in {@code [0, threads)} selects per-thread scratch. */
    void run(int chunk, int worker);
}
