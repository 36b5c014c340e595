package org.rnn4j.models.tagging;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.models.seq.SequenceModel;

/**
 * Chooses a tagger's epoch by its development METRIC: after every epoch the dev sentences are
 * tagged and scored (token accuracy, or conlleval entity F1 when the tags are BIO); the weights
 * of the best epoch are kept in host memory, and training stops after {@code patience} epochs
 * without improvement. Other listeners hear of each evaluation as an
 * {@link TrainingListener.EvaluationReport} whose "loss" is the dev ERROR, {@code 1 - score}.
 *
 * <pre>{@code
 * DevSelection sel = new DevSelection(model, tags, dev, devTags, 3);
 * trainer.fit(session, train, null, sel);
 * sel.restoreBest();
 * }</pre>
 */
final class DevSelection implements TrainingListener {

    private final SequenceModel model;
    private final TagSet tags;
    private final EncodedSentences sentences;
    private final int[][] gold;
    private final int patience;
    private final TrainingListener[] others;
    private final boolean entities;
    private float[] best;
    private double bestScore = -1;
    private long bestEpoch;
    private int stale;

    DevSelection(SequenceModel model, TagSet tags, EncodedSentences sentences, int[][] gold, int patience,
                 TrainingListener... others) {
        this.model = model;
        this.tags = tags;
        this.sentences = sentences;
        this.gold = gold;
        this.patience = patience;
        this.others = others;
        this.entities = EntityScores.appliesTo(tags.tags());
    }

    /** {@code entity_f1} or {@code accuracy}. */
    String metric() {
        return entities ? "entity_f1" : "accuracy";
    }

    double bestScore() {
        return bestScore;
    }

    long bestEpoch() {
        return bestEpoch;
    }

    /** Epochs since the best one. */
    int staleEpochs() {
        return stale;
    }

    /** The best epoch's weights in host memory, or null before the first evaluation. */
    float[] bestWeights() {
        return best;
    }

    /**
     * Continues a stopped run's selection: its best score, epoch and weights (null when no
     * epoch had been scored) and the epochs since.
     */
    void restore(double score, long epoch, int staleEpochs, float[] weights) {
        this.bestScore = score;
        this.bestEpoch = epoch;
        this.stale = staleEpochs;
        this.best = weights;
    }

    @Override
    public void onEpochEnd(long epoch, long step) {
        double score = score(Tagger.predictIds(model, tags.size(), sentences));
        boolean improved = score > bestScore;
        if (improved) {
            bestScore = score;
            bestEpoch = epoch;
            stale = 0;
            if (best == null) {
                best = new float[model.parameters().size()];
            }
            model.parameters().snapshotInto(best);
        } else {
            stale++;
        }
        for (TrainingListener l : others) {
            l.onEvaluation(new EvaluationReport(step, 1 - score, improved));
        }
    }

    private double score(int[][] predicted) {
        if (!entities) {
            long right = 0;
            long all = 0;
            for (int i = 0; i < gold.length; i++) {
                for (int t = 0; t < gold[i].length; t++) {
                    right += gold[i][t] == predicted[i][t] ? 1 : 0;
                    all++;
                }
            }
            return all == 0 ? 0 : (double) right / all;
        }
        List<List<String>> g = new ArrayList<>();
        List<List<String>> p = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            g.add(names(gold[i]));
            p.add(names(predicted[i]));
        }
        return EntityScores.of(g, p).overall().f1();
    }

    private List<String> names(int[] ids) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            out.add(tags.tag(id));
        }
        return out;
    }

    @Override
    public boolean stopRequested() {
        return patience > 0 && stale >= patience;
    }

    /** Puts the best epoch's weights back (a no-op when no epoch was scored). */
    void restoreBest() {
        if (best != null) {
            model.parameters().restore(best);
        }
    }
}
