package org.rnn4j.models.forecast;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.rnn4j.core.train.BatchSource;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * Sliding windows over a scaled series: a sample ending at ORIGIN {@code t} reads the inputs of
 * rows {@code t-W+1 .. t} and predicts the target at {@code t+1 .. t+H}. For training,
 * {@code everyStep} also asks for the {@code H} next values after every earlier step of the
 * window (W times the teaching signal from the same pass; those targets all lie in the training
 * rows); evaluation scores only the window's last step, the real forecast.
 *
 * <pre>{@code
 * WindowBatches train = new WindowBatches(inputs, target, origins, 30, 1, 32, true, seed);
 * try (SequenceSession s = model.session(30, 32, false)) { trainer.fit(s, train, validation); }
 * }</pre>
 */
public final class WindowBatches implements BatchSource<SequenceBatch> {

    private final float[][] inputs;
    private final float[] target;
    private final int[] origins;
    private final int window;
    private final int horizon;
    private final int batch;
    private final boolean everyStep;
    private final long seed;
    private final int[] order;
    private int position;
    private long epoch;

    /**
     * @param inputs    scaled inputs {@code [row][feature]}
     * @param target    scaled target per row
     * @param origins   the last input row of every sample; each needs {@code origin >= W-1} and
     *                  {@code origin + H < rows}
     * @param seed      shuffles the samples every epoch when {@code everyStep} (training); else in order
     */
    public WindowBatches(float[][] inputs, float[] target, int[] origins, int window, int horizon, int batch,
                         boolean everyStep, long seed) {
        if (origins.length == 0) {
            throw new IllegalArgumentException("there are no windows to batch");
        }
        for (int t : origins) {
            if (t < window - 1 || t + horizon >= target.length) {
                throw new IllegalArgumentException("origin " + t + " needs rows " + (t - window + 1) + ".." + (t + horizon)
                        + " but the series has rows 0.." + (target.length - 1));
            }
        }
        this.inputs = inputs;
        this.target = target;
        this.origins = origins.clone();
        this.window = window;
        this.horizon = horizon;
        this.batch = batch;
        this.everyStep = everyStep;
        this.seed = seed;
        this.order = new int[origins.length];
        arrange();
    }

    private void arrange() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (everyStep) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int x = order[i];
                order[i] = order[j];
                order[j] = x;
            }
        }
    }

    /** The origin of sample {@code s} of batch {@code b} in the current epoch's order, or -1 past the end. */
    public int originOf(int b, int s) {
        int i = b * batch + s;
        return i < order.length ? origins[order[i]] : -1;
    }

    @Override
    public SequenceBatch newBatch() {
        return SequenceBatch.values(window, batch, inputs[0].length, horizon);
    }

    @Override
    public boolean next(SequenceBatch b) {
        if (position >= batchesPerEpoch()) {
            return false;
        }
        int features = inputs[0].length;
        float[] x = b.features();
        float[] y = b.values();
        float[] mask = b.mask();
        b.setSteps(window);
        Arrays.fill(x, 0f);
        Arrays.fill(y, 0f);
        Arrays.fill(mask, 0f);
        for (int s = 0; s < batch; s++) {
            int t = originOf(position, s);
            if (t < 0) {
                continue;       // a short last batch: no targets, so no loss
            }
            for (int k = 0; k < window; k++) {
                int row = t - window + 1 + k;
                int at = k * batch + s;
                System.arraycopy(inputs[row], 0, x, at * features, features);
                if (everyStep || k == window - 1) {
                    for (int h = 0; h < horizon; h++) {
                        y[at * horizon + h] = target[row + 1 + h];
                        mask[at * horizon + h] = 1f;
                    }
                }
            }
        }
        position++;
        return true;
    }

    @Override
    public void rewind() {
        position = 0;
        if (everyStep) {
            epoch++;
            arrange();
        }
    }

    @Override
    public long batchesPerEpoch() {
        return (origins.length + batch - 1) / batch;
    }

    @Override
    public long position() {
        return position;
    }

    /** Starts epoch {@code e}'s order (as the {@code e}-th {@link #rewind()} would), at its beginning. */
    @Override
    public void startEpoch(long e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        position = 0;
        if (everyStep && e != epoch) {
            epoch = e;
            arrange();
        }
    }

    @Override
    public void seek(long pos) {
        if (pos < 0 || pos > batchesPerEpoch()) {
            throw new IllegalArgumentException("data position " + pos + " is outside [0, " + batchesPerEpoch() + "]");
        }
        position = (int) pos;
    }
}
