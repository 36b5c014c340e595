package org.rnn4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

class ScheduleAndClippingTest {

    @Test
    void schedulesFollowTheirFormulas() {
        assertThat(LearningRateSchedule.constant(0.1).rate(12345)).isEqualTo(0.1f);
        LearningRateSchedule step = LearningRateSchedule.stepDecay(1.0, 10, 0.5);
        assertThat(step.rate(9)).isEqualTo(1f);
        assertThat(step.rate(10)).isEqualTo(0.5f);
        assertThat(step.rate(25)).isEqualTo(0.25f);
        LearningRateSchedule cosine = LearningRateSchedule.cosine(1.0, 100, 0.1);
        assertThat(cosine.rate(0)).isEqualTo(1f);
        assertThat(cosine.rate(50)).isCloseTo(0.55f, within(1e-6f));
        assertThat(cosine.rate(100)).isEqualTo(0.1f);
        assertThat(cosine.rate(1000)).isEqualTo(0.1f);
        LearningRateSchedule warm = LearningRateSchedule.warmup(4, LearningRateSchedule.constant(2.0));
        assertThat(warm.rate(0)).isEqualTo(0.5f);
        assertThat(warm.rate(3)).isEqualTo(2f);
        assertThat(warm.rate(4)).isEqualTo(2f);
    }

    @Test
    void badScheduleSettingsAreRefused() {
        assertThatThrownBy(() -> LearningRateSchedule.constant(0)).hasMessageContaining("learning rate must be > 0");
        assertThatThrownBy(() -> LearningRateSchedule.stepDecay(1, 0, 0.5)).hasMessageContaining("interval must be >= 1");
        assertThatThrownBy(() -> LearningRateSchedule.cosine(1, 10, 2)).hasMessageContaining("minimum rate");
        assertThatThrownBy(() -> GradientClipping.byNorm(-1)).hasMessageContaining("norm limit must be > 0");
    }

    @Test
    void clippingByNormAndValueAsPyTorch() {
        Backend be = Backends.discover().select("reference");
        try (Tensor g = be.allocate(4)) {
            be.upload(new float[] {3, 4, 0, 0}, 0, g, 0, 4);
            double norm = GradientClipping.byNorm(1).apply(be, g);
            assertThat(norm).isEqualTo(5.0);
            float[] out = new float[4];
            be.download(g, 0, out, 0, 4);
            assertThat(out[0]).isCloseTo((float) (3 / (5 + 1e-6)), within(1e-7f));
            assertThat(out[1]).isCloseTo((float) (4 / (5 + 1e-6)), within(1e-7f));

            be.upload(new float[] {3, -4, 0.5f, Float.NaN}, 0, g, 0, 4);
            assertThat(GradientClipping.none().apply(be, g)).isNaN();
            be.upload(new float[] {3, -4, 0.5f, 1}, 0, g, 0, 4);
            GradientClipping.byValue(1).apply(be, g);
            be.download(g, 0, out, 0, 4);
            assertThat(out).containsExactly(1f, -1f, 0.5f, 1f);
        }
    }
}
