package org.rnn4j.bench;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.sample.Generator;
import org.rnn4j.models.sample.SamplingSettings;
import org.rnn4j.models.seq.SequenceModel;

/**
 * Sampling throughput at batch 1: {@link Generator#sample} of {@code spec.sample()} characters at
 * temperature 0.8 after a one-character prime (id 0, the newline of Tiny Shakespeare), from an
 * untrained model (speed does not depend on the weights). One call is one unit of work; the rate
 * is characters generated per second of wall time, priming and session set-up included, as a user
 * of {@code rnn4j sample} sees it.
 *
 * <pre>{@code
 * Measurement m = SamplingBench.run(backend, ModelSpec.named("sample-lstm-2x256"), Protocol.STANDARD);
 * }</pre>
 */
public final class SamplingBench {

    private SamplingBench() {
    }

    /** Samples until the protocol's repetitions are timed. */
    public static Measurement run(Backend backend, ModelSpec spec, Protocol protocol) {
        try (SequenceModel model = spec.create(backend, TrainingBench.SEED);
             Generator generator = new Generator(model)) {
            int[] prime = {0};
            RepTimer timer = new RepTimer(protocol, spec.sample());
            long seed = 0;
            int sink = 0;
            timer.restart();
            do {
                int[] out = generator.sample(prime, spec.sample(), SamplingSettings.temperature(ModelSpec.TEMPERATURE,
                        seed++), null);
                sink += out[out.length - 1]; // keeps the result observably used
            } while (!timer.tick());
            if (sink == Integer.MIN_VALUE) {
                System.err.print("");
            }
            return Measurement.of(timer).withLive(MemoryProbe.liveHeapMiB());
        }
    }
}
