package org.rnn4j.bench;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's FMA peak through the Vector API: twelve independent accumulator chains over
 * {@link FloatVector#SPECIES_PREFERRED}, enough to hide the FMA latency (4 cycles) on both FMA
 * ports, with every operand in registers. This is the roofline every GEMM figure is a fraction
 * of, measured in the same run as the GEMM it judges.
 *
 * <p>On several threads each worker takes its own timestamps and the rate is the total work over
 * {@code max(end) - min(start)} (PLATFORM pitfall 9: a main thread reading the clock after a
 * barrier can be descheduled while the workers run). The best of several rounds is reported: a
 * peak is what the hardware can do, not what it did while a neighbour was busy.
 *
 * <pre>{@code
 * double one = FmaPeak.gflops(1, 20_000_000, 5);
 * double all = FmaPeak.gflops(Runtime.getRuntime().availableProcessors(), 20_000_000, 5);
 * }</pre>
 */
public final class FmaPeak {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int ACCUMULATORS = 12;

    private FmaPeak() {
    }

    /** Vector width in bits of the species measured. */
    public static int bits() {
        return F.vectorBitSize();
    }

    /** Best GFLOP/s over {@code rounds} rounds of {@code iterations} loop trips on {@code threads} threads. */
    public static double gflops(int threads, int iterations, int rounds) {
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            best = Math.max(best, round(threads, iterations));
        }
        return best;
    }

    private static double round(int threads, int iterations) {
        long[] start = new long[threads];
        long[] end = new long[threads];
        CyclicBarrier ready = new CyclicBarrier(threads);
        Thread[] workers = new Thread[threads];
        float[] sinks = new float[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                float[] x = new float[F.length() * ACCUMULATORS];
                Arrays.fill(x, 1e-3f);
                sinks[id] += chains(x, Math.max(1, iterations / 10)); // compiled before the clock starts
                await(ready);
                start[id] = System.nanoTime();
                sinks[id] += chains(x, iterations);
                end[id] = System.nanoTime();
            }, "fma-peak-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the FMA peak", e);
            }
        }
        long first = Arrays.stream(start).min().orElseThrow();
        long last = Arrays.stream(end).max().orElseThrow();
        if (Float.isNaN(sinks[0])) {
            System.err.print(""); // the results are used, so the chains cannot be removed
        }
        return 2.0 * ACCUMULATORS * F.length() * (double) iterations * threads / (last - first);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("FMA peak workers could not start together", e);
        }
    }

    /** Twelve dependent-free FMA chains; each trip is 12 vector FMAs. */
    static float chains(float[] x, int iterations) {
        int n = F.length();
        FloatVector m = FloatVector.broadcast(F, 0.999f);
        FloatVector a0 = FloatVector.fromArray(F, x, 0);
        FloatVector a1 = FloatVector.fromArray(F, x, n);
        FloatVector a2 = FloatVector.fromArray(F, x, 2 * n);
        FloatVector a3 = FloatVector.fromArray(F, x, 3 * n);
        FloatVector a4 = FloatVector.fromArray(F, x, 4 * n);
        FloatVector a5 = FloatVector.fromArray(F, x, 5 * n);
        FloatVector a6 = FloatVector.fromArray(F, x, 6 * n);
        FloatVector a7 = FloatVector.fromArray(F, x, 7 * n);
        FloatVector a8 = FloatVector.fromArray(F, x, 8 * n);
        FloatVector a9 = FloatVector.fromArray(F, x, 9 * n);
        FloatVector a10 = FloatVector.fromArray(F, x, 10 * n);
        FloatVector a11 = FloatVector.fromArray(F, x, 11 * n);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, m);
            a1 = a1.fma(m, m);
            a2 = a2.fma(m, m);
            a3 = a3.fma(m, m);
            a4 = a4.fma(m, m);
            a5 = a5.fma(m, m);
            a6 = a6.fma(m, m);
            a7 = a7.fma(m, m);
            a8 = a8.fma(m, m);
            a9 = a9.fma(m, m);
            a10 = a10.fma(m, m);
            a11 = a11.fma(m, m);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    }
}
