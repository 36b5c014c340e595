package org.rnn4j.models.seq;

import org.rnn4j.core.train.TrainingListener;

/**
 * Keeps a host copy of a model's weights at its best validation loss so far, and puts them back
 * after training: early stopping then returns the best epoch's model, not the last one's.
 *
 * <pre>{@code
 * BestWeights best = new BestWeights(model);
 * trainer.fit(session, train, validation, best);
 * best.restore();
 * }</pre>
 */
public final class BestWeights implements TrainingListener {

    private final SequenceModel model;
    private float[] best;

    /** Watches {@code model}. */
    public BestWeights(SequenceModel model) {
        this.model = model;
    }

    @Override
    public void onEvaluation(EvaluationReport report) {
        if (report.best()) {
            if (best == null) {
                best = new float[model.parameters().size()];
            }
            model.parameters().snapshotInto(best);
        }
    }

    /**
     * Continues a stopped run's record: {@code weights} (every parameter in flat order, taken
     * as they are) were its best so far; null when it had none.
     */
    public void resumeFrom(float[] weights) {
        if (weights != null && weights.length != model.parameters().size()) {
            throw new IllegalArgumentException("best weights hold " + weights.length + " values but the model has "
                    + model.parameters().size() + " parameters");
        }
        best = weights;
    }

    /** Whether a best state was recorded. */
    public boolean recorded() {
        return best != null;
    }

    /** Writes the best weights back into the model (a no-op when none was recorded). */
    public void restore() {
        if (best != null) {
            model.parameters().restore(best);
        }
    }
}
