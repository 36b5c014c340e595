package org.rnn4j.bench;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * GEMM GFLOP/s through {@link Backend#gemm}, for the harness (the JMH benchmark {@code
 * jmh.GemmBenchmark} measures the same shapes with JMH's rigour; this one exists so that the
 * ratio to the FMA peak is taken in one run). {@code C = A B} with {@code beta = 0}; the operands
 * are the same on every call, so a backend that caches packed weights gets to use its cache,
 * as it does for the weights of a recurrent layer between two optimiser steps.
 *
 * <pre>{@code
 * Measurement m = GemmBench.run(backend, GemmShape.parse("2048x2048x2048", "NN"), Protocol.STANDARD);
 * }</pre>
 */
public final class GemmBench {

    private GemmBench() {
    }

    /** GFLOP/s per repetition of {@code shape} under {@code protocol}. */
    public static Measurement run(Backend backend, GemmShape shape, Protocol protocol) {
        int m = shape.m();
        int n = shape.n();
        int k = shape.k();
        try (Tensor a = backend.allocate(m * k); Tensor b = backend.allocate(k * n); Tensor c = backend.allocate(m * n)) {
            RandomTensors.fill(backend, a, 1, 1);
            RandomTensors.fill(backend, b, 2, 1);
            // GFLOP/s only: a GEMM row reports no allocation, so the timer reads no counters
            RepTimer timer = new RepTimer(protocol, shape.flops() / 1e9, () -> -1);
            float[] corner = new float[1];
            timer.restart();
            do {
                backend.gemm(shape.transA(), shape.transB(), m, n, k, 1f, a, 0, shape.lda(), b, 0, shape.ldb(), 0f, c, 0,
                        n);
                // A GPU backend only queues the product: reading one element waits for it, so each
                // repetition times the work and not the launch (a CPU backend pays nothing for it).
                backend.download(c, 0, corner, 0, 1);
            } while (!timer.tick());
            return Measurement.of(timer.rates());
        }
    }
}
