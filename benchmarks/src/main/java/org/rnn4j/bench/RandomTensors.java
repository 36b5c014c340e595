package org.rnn4j.bench;

import java.util.SplittableRandom;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * Benchmark inputs: a tensor on the backend under test, filled uniformly from a seed, so that
 * every run of a benchmark sees the same values.
 *
 * <pre>{@code
 * Tensor w = RandomTensors.uniform(backend, 4 * h * h, 8, 1 / Math.sqrt(h));   // in (-scale, scale)
 * }</pre>
 */
public final class RandomTensors {

    private RandomTensors() {
    }

    /** A new tensor of {@code size} elements drawn from {@code U(-scale, scale)} with {@code seed}. */
    public static Tensor uniform(Backend backend, int size, long seed, double scale) {
        Tensor t = backend.allocate(size);
        fill(backend, t, seed, scale);
        return t;
    }

    /** Overwrites all of {@code t} with values drawn from {@code U(-scale, scale)} with {@code seed}. */
    public static void fill(Backend backend, Tensor t, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] host = new float[t.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) r.nextDouble(-scale, scale);
        }
        backend.upload(host, 0, t, 0, host.length);
    }
}
