package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The vector activations against their scalar twins, bit for bit, over the inputs where the
 * exponential's range clamp acts (beyond about +-87), the clamp's edges, infinities, NaN and
 * signed zeros, with every input in a vector lane and again in the scalar tail: the same step must
 * give the same bits at every JIT tier and vector width. Also that the limits come out right.
 */
class ActivationsTest {

    private static final float[] SPECIAL = {
        0f, -0f, 1e-30f, -1e-30f, 0.5f, -0.5f, 0.625f, -0.625f, 3f, -3f, 20f, -20f,
        43.5f, -43.5f, 44.4f, -44.4f, 87.33654f, -87.33654f, 88.72283f, -88.72283f,
        Math.nextUp(88.72283f), Math.nextDown(-87.33654f), 89f, -89f, 100f, -100f, 1e30f, -1e30f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
    };

    @Test
    void vectorLanesEqualTheScalarTwinsAtTheRangeEdges() {
        int n = Lanes.loopBound(SPECIAL.length) + Lanes.N; // every input reaches a vector lane
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = SPECIAL[i % SPECIAL.length];
        }
        float[] sig = new float[n];
        float[] tanh = new float[n];
        float[] exp = new float[n];
        Activations.sigmoid(x, 0, sig, 0, n);
        Activations.tanh(x, 0, tanh, 0, n);
        Activations.expShiftedSum(x, 0, 0f, 1f, exp, 0, n);
        for (int i = 0; i < n; i++) {
            // bits, so that -0 differs from 0 and NaN equals NaN
            assertThat(Float.floatToIntBits(sig[i])).as("sigmoid(%s)", x[i])
                    .isEqualTo(Float.floatToIntBits(Activations.sigmoid(x[i])));
            assertThat(Float.floatToIntBits(tanh[i])).as("tanh(%s)", x[i])
                    .isEqualTo(Float.floatToIntBits(Activations.tanh(x[i])));
            assertThat(Float.floatToIntBits(exp[i])).as("exp(%s)", x[i])
                    .isEqualTo(Float.floatToIntBits(Activations.exp(x[i])));
        }
    }

    @Test
    void theLimitsComeOutRight() {
        assertThat(Activations.sigmoid(100f)).isEqualTo(1f);
        assertThat(Activations.sigmoid(-100f)).isCloseTo(0f, within(1e-37f));
        assertThat(Activations.sigmoid(Float.NEGATIVE_INFINITY)).isCloseTo(0f, within(1e-37f));
        assertThat(Activations.tanh(100f)).isEqualTo(1f);
        assertThat(Activations.tanh(-100f)).isEqualTo(-1f);
        assertThat(Activations.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
        assertThat(Activations.tanh(-0f)).isEqualTo(-0f);
        assertThat(Activations.sigmoid(Float.NaN)).isNaN();
        assertThat(Activations.tanh(Float.NaN)).isNaN();
        assertThat(Activations.exp(Float.NaN)).isNaN();
        assertThat((double) Activations.exp(1f)).isCloseTo(Math.E, within(1e-6));
    }
}
