package org.rnn4j.backend.simd;

import java.util.Locale;
import org.rnn4j.api.tensor.Tensor;

/**
 * A quick local measurement harness for tuning (not a test, not the benchmarks module):
 * GEMM GFLOP/s at a few shapes, and the time of a training step.
 *
 * <pre>{@code
 * java @simd.jvm.args -Drnn4j.threads=1 -cp ... org.rnn4j.backend.simd.SimdBench gemm
 * java @simd.jvm.args -cp ... org.rnn4j.backend.simd.SimdBench train
 * }</pre>
 */
public final class SimdBench {

    private SimdBench() {
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "gemm";
        int threads = SimdSettings.threads();
        try (SimdBackend backend = new SimdBackend(threads)) {
            System.out.println(backend + ", JDK " + Runtime.version());
            if (what.equals("train")) {
                train(backend, args.length > 1 ? Integer.parseInt(args[1]) : 256,
                        args.length > 2 ? Integer.parseInt(args[2]) : 64, args.length > 3 ? Integer.parseInt(args[3]) : 100);
            } else if (what.equals("sample")) {
                sample(backend, args.length > 1 ? Integer.parseInt(args[1]) : 256);
            } else if (what.equals("alloc")) {
                alloc(backend, Integer.parseInt(args[1]));
            } else if (what.equals("peak")) {
                peak();
                peakAllThreads(threads);
            } else {
                gemm(backend, false, false, 2048, 2048, 2048, 5);
                gemm(backend, false, false, 64, 2048, 512, 200);
                gemm(backend, false, true, 64, 2048, 512, 200);
                gemm(backend, false, false, 64, 512, 2048, 200);
                gemm(backend, true, false, 2048, 512, 6400, 3);
                gemm(backend, false, true, 1, 2048, 512, 2000);
            }
        }
    }

    private static void gemm(SimdBackend backend, boolean ta, boolean tb, int m, int n, int k, int reps) {
        Tensor a = backend.allocate(m * k);
        Tensor b = backend.allocate(k * n);
        Tensor c = backend.allocate(m * n);
        float[] host = new float[Math.max(m * k, k * n)];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) r.nextDouble(-1, 1);
        }
        backend.upload(host, 0, a, 0, m * k);
        backend.upload(host, 0, b, 0, k * n);
        int lda = ta ? m : k;
        int ldb = tb ? k : n;
        double best = 0;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                backend.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            }
            long t1 = System.nanoTime();
            best = Math.max(best, 2.0 * m * n * k * reps / (t1 - t0));
        }
        System.out.printf(Locale.ROOT, "gemm %s%s %dx%dx%d: %.1f GFLOP/s%n", ta ? "T" : "N", tb ? "T" : "N", m, n, k,
                best);
        a.close();
        b.close();
        c.close();
    }

    /**
     * A char-rnn style training step: one-hot-sized input of 65 features, a 2-layer LSTM, a
     * 65-way head, softmax cross-entropy, BPTT and Adam (PLATFORM.md's PyTorch setting).
     */
    private static void train(SimdBackend backend, int hidden, int batch, int seq) {
        try (TrainingLoop loop = new TrainingLoop(backend, seq, batch, 65, hidden, 65, 1)) {
            for (int i = 0; i < 30; i++) {
                loop.step();
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    loop.step();
                }
                best = Math.min(best, (System.nanoTime() - t0) / 10.0);
            }
            System.out.printf(Locale.ROOT, "train step LSTM 2x%d batch %d seq %d: %.2f ms, %.0f chars/s%n", hidden,
                    batch, seq, best / 1e6, batch * seq / (best / 1e9));
        }
    }

    /**
     * Batch-1 generation speed: per character one step of a 2-layer LSTM, the 65-way head and
     * a softmax, the state carried over (what sampling does, minus drawing the character).
     */
    private static void sample(SimdBackend backend, int hidden) {
        org.rnn4j.models.stack.RecurrentStack stack = org.rnn4j.models.stack.RecurrentStack.builder(65)
                .lstm(hidden).lstm(hidden).build();
        try (org.rnn4j.models.stack.RecurrentNetwork net = stack.instantiate(backend, 1);
             org.rnn4j.models.stack.StackRunner run = net.bind(1, 1)) {
            Tensor x = backend.allocate(1, 1, 65);
            Tensor head = backend.allocate(65, hidden);
            Tensor logits = backend.allocate(1, 65);
            backend.fill(head, 0, head.size(), 0.01f);
            backend.fill(x, 3, 1, 1f);
            int chars = 2000;
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < chars; i++) {
                    run.forward(x, 0, 1);
                    backend.gemm(false, true, 1, 65, hidden, 1f, run.outputs(), 0, hidden, head, 0, hidden, 0f, logits,
                            0, 65);
                    backend.softmax(1, 65, 0.8f, logits, 0, logits, 0);
                    for (int k = 0; k < run.depth(); k++) {
                        backend.copy(run.layer(k).finalState(0), 0, run.layer(k).initialState(0), 0, hidden);
                        backend.copy(run.layer(k).finalState(1), 0, run.layer(k).initialState(1), 0, hidden);
                    }
                }
                best = Math.min(best, (System.nanoTime() - t0) / (double) chars);
            }
            System.out.printf(Locale.ROOT, "sampling LSTM 2x%d batch 1: %.1f us per char, %.0f chars/s%n", hidden,
                    best / 1e3, 1e9 / best);
        }
    }

    /** Odd shapes first, as the kit runs them, so that the JIT profiles are not training-only. */
    private static void pollute(SimdBackend backend) {
        int[] sizes = {1, 3, 17, 63, 64, 65};
        Tensor a = backend.allocate(65 * 65 * 4);
        Tensor b = backend.allocate(65 * 65 * 4);
        Tensor c = backend.allocate(65 * 65 * 4);
        for (int rep = 0; rep < 30; rep++) {
            for (int m : sizes) {
                for (int n : sizes) {
                    for (int k : sizes) {
                        for (int t = 0; t < 4; t++) {
                            boolean ta = (t & 1) != 0;
                            boolean tb = (t & 2) != 0;
                            backend.gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, rep % 2, c, 0, n);
                        }
                    }
                    backend.lstmForward(m, n, a, 0, b, 0, c, 0, b, 0);
                    backend.lstmBackward(m, n, a, 0, b, 0, c, 0, b, 0, c, 0, a, 0, c, 0);
                    backend.gruForward(m, n, a, 0, b, 0, c, 0, b, 0);
                }
            }
        }
        a.close();
        b.close();
        c.close();
    }

    /** Bytes allocated per training step by the calling thread after {@code warmUp} steps. */
    private static void alloc(SimdBackend backend, int warmUp) {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        if (System.getProperty("pollute") != null) {
            pollute(backend);
        }
        try (TrainingLoop loop = new TrainingLoop(backend, 20, 16, 32, 64, 50, 3)) {
            for (int i = 0; i < warmUp; i++) {
                loop.step();
            }
            long[] bytes = new long[4];
            for (int i = 0; i < 100; i++) {
                loop.step(bean, bytes);
            }
            System.out.printf(Locale.ROOT, "caller bytes per step after %d warm-up steps: forward %.1f, head+loss %.1f,"
                    + " backward %.1f, optimiser %.1f%n", warmUp, bytes[0] / 100.0, bytes[1] / 100.0, bytes[2] / 100.0,
                    bytes[3] / 100.0);
        }
    }

    /**
     * FMA peak on {@code threads} threads at once; timestamps taken inside the threads,
     * max(end) - min(start) (PLATFORM pitfall 9).
     */
    private static void peakAllThreads(int threads) {
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long[] start = new long[threads];
            long[] end = new long[threads];
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    float[] x = new float[Lanes.N * 12];
                    java.util.Arrays.fill(x, 1e-3f);
                    PeakKernel.run(x, 2_000_000);
                    start[id] = System.nanoTime();
                    PeakKernel.run(x, 20_000_000);
                    end[id] = System.nanoTime();
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            long s0 = Long.MAX_VALUE;
            long e1 = 0;
            for (int t = 0; t < threads; t++) {
                s0 = Math.min(s0, start[t]);
                e1 = Math.max(e1, end[t]);
            }
            best = Math.max(best, 2.0 * 12 * Lanes.N * 20_000_000L * threads / (e1 - s0));
        }
        System.out.printf(Locale.ROOT, "fma peak, %d threads: %.1f GFLOP/s%n", threads, best);
    }

    /** FMA peak with 12 independent accumulators, one thread. */
    private static void peak() {
        float[] x = new float[Lanes.N * 12];
        java.util.Arrays.fill(x, 1e-3f);
        double best = 0;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            float s = PeakKernel.run(x, 20_000_000);
            long t1 = System.nanoTime();
            best = Math.max(best, 2.0 * 12 * Lanes.N * 20_000_000L / (t1 - t0));
            if (s == 42) {
                System.out.println();
            }
        }
        System.out.printf(Locale.ROOT, "fma peak, one thread: %.1f GFLOP/s%n", best);
    }
}
