package org.rnn4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;

/** The fusion A/B runs both sides every round and judges only the rounds after the warm-up. */
class FusionGainTest {

    @Test
    void everyRoundRunsBothSidesAndTheVerdictSkipsTheWarmUp() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        double median;
        try (Backend backend = Backends.discover().select("cpu-simd")) {
            median = FusionGain.compare(ModelSpec.named("sample-tiny"), backend, null, FusionGain.WARM_UP_ROUNDS + 1,
                    Protocol.QUICK, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().filter(l -> l.startsWith("round "))).hasSize(FusionGain.WARM_UP_ROUNDS + 1);
        assertThat(out.lines().filter(l -> l.contains("(warm-up, not counted)"))).hasSize(FusionGain.WARM_UP_ROUNDS);
        assertThat(out).contains("median ratio", "over 1 rounds");
        assertThat(median).isPositive().isFinite();
    }
}
