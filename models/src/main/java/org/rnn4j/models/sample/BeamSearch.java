package org.rnn4j.models.sample;

import java.util.function.IntConsumer;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * Beam search over a batch of {@code width} rows, one per beam: every step scores all
 * {@code width x vocabulary} extensions, keeps the best {@code width}, and reorders the
 * recurrent states to follow their parents with the backend's row gather.
 */
final class BeamSearch {

    private final SequenceModel model;
    private final int vocabulary;
    private final int width;

    BeamSearch(SequenceModel model, int vocabulary, int width) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.width = width;
    }

    int[] run(int[] prime, int length, IntConsumer onToken, int maxPrime) {
        Backend backend = model.backend();
        int[][] beams = new int[width][length];
        double[] scores = new double[width];
        float[] logits = new float[width * vocabulary];
        int chunk = Math.min(prime.length, maxPrime);
        try (SequenceSession session = model.session(chunk, width, true);
             Tensor scratch = backend.allocate(width, largestState(session))) {
            SequenceBatch batch = SequenceBatch.tokens(chunk, width);
            Tensor out = null;
            int rows = 0;
            for (int start = 0; start < prime.length; start += chunk) {
                int n = Math.min(chunk, prime.length - start);
                for (int t = 0; t < n; t++) {
                    for (int w = 0; w < width; w++) {
                        batch.tokens()[t * width + w] = prime[start + t];
                    }
                }
                batch.setSteps(n);
                out = session.predict(batch);
                rows = n;
            }
            backend.download(out, (rows - 1) * width * vocabulary, logits, 0, width * vocabulary);
            int[] parents = new int[width];
            int[] tokens = new int[width];
            double[] next = new double[width];
            SequenceBatch step = SequenceBatch.tokens(1, width);
            for (int i = 0; i < length; i++) {
                // At the first step every beam is the same prefix: extend only beam 0.
                select(logits, scores, i == 0 ? 1 : width, parents, tokens, next);
                for (int w = 0; w < width; w++) {
                    scores[w] = next[w];
                }
                int[][] copy = new int[width][];
                for (int w = 0; w < width; w++) {
                    copy[w] = beams[parents[w]].clone();
                    copy[w][i] = tokens[w];
                }
                beams = copy;
                reorderStates(session, parents, scratch);
                if (i + 1 < length) {
                    System.arraycopy(tokens, 0, step.tokens(), 0, width);
                    Tensor row = session.predict(step);
                    backend.download(row, 0, logits, 0, width * vocabulary);
                }
            }
        }
        int best = 0;
        for (int w = 1; w < width; w++) {
            if (scores[w] > scores[best]) {
                best = w;
            }
        }
        if (onToken != null) {
            for (int token : beams[best]) {
                onToken.accept(token);
            }
        }
        return beams[best];
    }

    /** The best {@code width} (parent, token) pairs by summed log probability. */
    private void select(float[] logits, double[] scores, int live, int[] parents, int[] tokens, double[] next) {
        java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
        for (int w = 0; w < live; w++) {
            int base = w * vocabulary;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocabulary; v++) {
                max = Math.max(max, logits[base + v]);
            }
            double sum = 0;
            for (int v = 0; v < vocabulary; v++) {
                sum += Math.exp(logits[base + v] - max);
            }
            double logSum = max + Math.log(sum);
            for (int v = 0; v < vocabulary; v++) {
                double score = scores[w] + logits[base + v] - logSum;
                // insert into the sorted top list
                int at = width;
                while (at > 0 && score > next[at - 1]) {
                    at--;
                }
                if (at < width) {
                    for (int j = width - 1; j > at; j--) {
                        next[j] = next[j - 1];
                        parents[j] = parents[j - 1];
                        tokens[j] = tokens[j - 1];
                    }
                    next[at] = score;
                    parents[at] = w;
                    tokens[at] = v;
                }
            }
        }
    }

    /** Units of the widest recurrent state of any layer: the row width of the reorder's scratch. */
    private static int largestState(SequenceSession session) {
        int largest = 1;
        for (int k = 0; k < session.stack().depth(); k++) {
            CellRunner layer = session.stack().layer(k);
            for (int i = 0; i < layer.stateCount(); i++) {
                largest = Math.max(largest, layer.initialState(i).shape().dim(1));
            }
        }
        return largest;
    }

    /** Makes every beam's states its parent's, through {@code scratch} (allocated once per search). */
    private void reorderStates(SequenceSession session, int[] parents, Tensor scratch) {
        Backend backend = model.backend();
        for (int k = 0; k < session.stack().depth(); k++) {
            CellRunner layer = session.stack().layer(k);
            for (int i = 0; i < layer.stateCount(); i++) {
                Tensor state = layer.initialState(i);
                int size = state.shape().dim(1);
                backend.gatherRows(width, size, state, 0, parents, 0, scratch, 0);
                backend.copy(scratch, 0, state, 0, width * size);
            }
        }
    }
}
