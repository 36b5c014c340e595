package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;

/** Twelve independent FMA chains: the roofline every GEMM figure is a fraction of. */
final class PeakKernel {

    private PeakKernel() {
    }

    static float run(float[] x, int iterations) {
        FloatVector m = FloatVector.broadcast(F, 0.999f);
        FloatVector a0 = FloatVector.fromArray(F, x, 0), a1 = FloatVector.fromArray(F, x, N);
        FloatVector a2 = FloatVector.fromArray(F, x, 2 * N), a3 = FloatVector.fromArray(F, x, 3 * N);
        FloatVector a4 = FloatVector.fromArray(F, x, 4 * N), a5 = FloatVector.fromArray(F, x, 5 * N);
        FloatVector a6 = FloatVector.fromArray(F, x, 6 * N), a7 = FloatVector.fromArray(F, x, 7 * N);
        FloatVector a8 = FloatVector.fromArray(F, x, 8 * N), a9 = FloatVector.fromArray(F, x, 9 * N);
        FloatVector a10 = FloatVector.fromArray(F, x, 10 * N), a11 = FloatVector.fromArray(F, x, 11 * N);
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
