package org.rnn4j.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector species every kernel is written over, chosen once per JVM. Being a
 * {@code static final}, C2 folds it into a constant, so each kernel compiles to straight code
 * for that width (the llama3.java style): nothing is dispatched per element or per call.
 *
 * <p>This class references the incubator module, so it is loaded only by {@link SimdBackend},
 * never by the provider's probe.
 */
final class Lanes {

    /** The species of every kernel: {@code -Drnn4j.simd.bits} or the CPU's preferred width. */
    static final VectorSpecies<Float> F = choose();
    /** Floats per vector. */
    static final int N = F.length();

    private Lanes() {
    }

    private static VectorSpecies<Float> choose() {
        int bits = SimdSettings.requestedBits();
        return bits == 0 ? FloatVector.SPECIES_PREFERRED
                : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }

    /**
     * The sum of the lanes in lane order. {@code reduceLanes(ADD)} is not used: its order is
     * unspecified and differs between the C2 intrinsic and the interpreter, so a sum would
     * change bits once the code is compiled.
     */
    static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < N; i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** The largest multiple of the vector length not above {@code n}. */
    static int loopBound(int n) {
        return n - (n % N);
    }
}
