package org.rnn4j.models.seq;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.CounterRandom;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.Parameters;
import org.rnn4j.core.train.LossValue;
import org.rnn4j.core.train.TrainingTarget;
import org.rnn4j.models.encode.EncoderRunner;
import org.rnn4j.models.head.HeadRunner;
import org.rnn4j.models.stack.StackRunner;

/**
 * A {@link SequenceModel} bound to a workspace for one {@code (maxSteps, batch)} size: encoder,
 * stack and head runners plus the loss buffers. It is the {@link TrainingTarget} a trainer
 * drives; every buffer is allocated here, once, so training steps allocate nothing.
 *
 * <pre>{@code
 * try (SequenceSession session = model.session(100, 64, true)) {
 *     trainer.fit(session, trainBatches, validationBatches);
 * }
 * }</pre>
 */
public final class SequenceSession implements TrainingTarget<SequenceBatch>, AutoCloseable {

    private final SequenceModel model;
    private final Backend backend;
    private final int maxSteps;
    private final int batch;
    private final boolean carryState;
    private final EncoderRunner encoder;
    private final StackRunner stack;
    private final HeadRunner head;
    private final Tensor dLogits;
    private final Tensor dInput;
    private final Tensor targets;
    private final Tensor targetMask;
    /** Input dropout: the mask, then the masked input; in backward, the masked input gradient. */
    private final Tensor inputMask;
    private final Tensor droppedInput;
    private boolean inputDropped;
    private long dropoutSeed;

    SequenceSession(SequenceModel model, int maxSteps, int batch, boolean carryState) {
        this.model = model;
        this.backend = model.backend();
        this.maxSteps = maxSteps;
        this.batch = batch;
        this.carryState = carryState;
        SequenceModelConfig config = model.config();
        int rows = maxSteps * batch;
        Parameters params = model.parameters();
        this.encoder = config.input().bind(backend, params, rows);
        this.stack = model.stack().bind(params, maxSteps, batch, config.dropout());
        this.head = config.head().bind(backend, params, model.stack().outputSize(), rows);
        int outputs = config.head().outputSize();
        this.dLogits = backend.allocate(rows, outputs);
        this.dInput = encoder.trainable() ? backend.allocate(rows, config.input().outputSize()) : null;
        boolean regression = config.objective() == Objective.REGRESSION;
        this.targets = regression ? backend.allocate(rows, outputs) : null;
        this.targetMask = regression ? backend.allocate(rows, outputs) : null;
        boolean dropInput = config.inputDropout() > 0;
        this.inputMask = dropInput ? backend.allocate(rows, config.input().outputSize()) : null;
        this.droppedInput = dropInput ? backend.allocate(rows, config.input().outputSize()) : null;
    }

    /** The model this session runs. */
    public SequenceModel model() {
        return model;
    }

    @Override
    public Parameters parameters() {
        return model.parameters();
    }

    @Override
    public void beginStep(long step) {
        dropoutSeed = CounterRandom.bits(model.seed(), step);
    }

    @Override
    public LossValue computeGradients(SequenceBatch b) {
        int rows = run(b, true);
        LossValue loss = loss(b, rows, true);
        if (loss.count() > 0) {
            head.backward(dLogits, rows, stack.outputs(), stack.outputGradients());
            stack.backward(dInput, 0);
            if (dInput != null) {
                if (inputDropped) {
                    // The first layer has taken its weight gradient from the dropped input: reuse it.
                    int n = rows * model.config().input().outputSize();
                    backend.multiply(n, dInput, 0, inputMask, 0, 0f, droppedInput, 0);
                    encoder.backward(droppedInput, rows);
                } else {
                    encoder.backward(dInput, rows);
                }
            }
        }
        if (carryState) {
            stack.carryStates();
        }
        return loss;
    }

    @Override
    public LossValue evaluate(SequenceBatch b) {
        int rows = run(b, false);
        LossValue loss = loss(b, rows, false);
        if (carryState) {
            stack.carryStates();
        }
        return loss;
    }

    /**
     * Runs the model over the batch without a loss (targets are ignored) and returns the head's
     * output block {@code [rows, outputs]}: logits or values per step. With carried state this
     * is how generation advances one step at a time.
     */
    public Tensor predict(SequenceBatch b) {
        run(b, false);
        if (carryState) {
            stack.carryStates();
        }
        return head.output();
    }

    @Override
    public void resetState() {
        stack.resetStates();
    }

    /**
     * The recurrent state this session carries into its next batch: every layer's initial
     * states, named {@code l<k>.<state>} ({@code l0.h}, {@code l0.c}, ...), each {@code [batch, size]}.
     */
    public java.util.List<org.rnn4j.core.io.NamedArray> recurrentState() {
        java.util.List<org.rnn4j.core.io.NamedArray> all = new java.util.ArrayList<>();
        for (int k = 0; k < stack.depth(); k++) {
            var layer = stack.layer(k);
            for (int i = 0; i < layer.cell().states().size(); i++) {
                Tensor s0 = layer.initialState(i);
                float[] host = new float[s0.size()];
                backend.download(s0, 0, host, 0, host.length);
                all.add(new org.rnn4j.core.io.NamedArray("l" + k + "." + layer.cell().states().get(i).name(),
                        s0.shape(), host));
            }
        }
        return all;
    }

    /**
     * Sets the carried state from {@link #recurrentState()}'s output.
     *
     * @throws IllegalArgumentException naming the state that is missing or has another shape
     */
    public void restoreRecurrentState(java.util.List<org.rnn4j.core.io.NamedArray> states) {
        java.util.Map<String, org.rnn4j.core.io.NamedArray> byName = new java.util.HashMap<>();
        states.forEach(s -> byName.put(s.name(), s));
        for (int k = 0; k < stack.depth(); k++) {
            var layer = stack.layer(k);
            for (int i = 0; i < layer.cell().states().size(); i++) {
                String name = "l" + k + "." + layer.cell().states().get(i).name();
                org.rnn4j.core.io.NamedArray s = byName.get(name);
                Tensor s0 = layer.initialState(i);
                if (s == null) {
                    throw new IllegalArgumentException("recurrent state '" + name + "' is missing from the checkpoint");
                }
                if (!s.shape().equals(s0.shape())) {
                    throw new IllegalArgumentException("recurrent state '" + name + "' has shape " + s.shape()
                            + " but this session needs " + s0.shape() + "; resume with the same batch size");
                }
                backend.upload(s.data(), 0, s0, 0, s.data().length);
            }
        }
    }

    /** The stack runner, for access to recurrent states. */
    public StackRunner stack() {
        return stack;
    }

    private int run(SequenceBatch b, boolean training) {
        check(b);
        int steps = b.steps();
        int rows = b.rows();
        stack.sequenceLengths(b.lengths());
        inputDropped = training && inputMask != null;
        if (!inputDropped && b.tokens() != null && encoder.passesTokensThrough() && stack.readsTokens()) {
            // one-hot input: the bottom layer gathers weight columns by token, no one-hot block
            encoder.checkTokens(b.tokens(), 0, rows);
            if (training) {
                stack.forwardTrainingTokens(b.tokens(), 0, steps, dropoutSeed);
            } else {
                stack.forwardTokens(b.tokens(), 0, steps);
            }
        } else {
            encodeAndForward(b, steps, rows, training);
        }
        head.forward(stack.outputs(), rows);
        return rows;
    }

    /** The encoder writes the stack's input block, input dropout applies, the stack runs. */
    private void encodeAndForward(SequenceBatch b, int steps, int rows, boolean training) {
        if (model.config().input().readsCharacters()) {
            encoder.encodeWords(b.tokens(), b.characters(), b.wordLengths(), b.maxWordLength(), rows);
        } else if (b.tokens() != null) {
            encoder.encodeTokens(b.tokens(), 0, rows);
        } else {
            encoder.encodeFeatures(b.features(), 0, rows);
        }
        if (inputDropped) {
            // Counter range 0 of this step's stream: the stack's layer boundaries use ranges k << 40, k >= 1.
            int n = rows * model.config().input().outputSize();
            backend.dropoutMask(n, model.config().inputDropout(), dropoutSeed, 0L, inputMask, 0);
            backend.multiply(n, encoder.output(), 0, inputMask, 0, 0f, droppedInput, 0);
            stack.forwardTraining(droppedInput, 0, steps, dropoutSeed);
        } else if (training) {
            stack.forwardTraining(encoder.output(), 0, steps, dropoutSeed);
        } else {
            stack.forward(encoder.output(), 0, steps);
        }
    }

    private LossValue loss(SequenceBatch b, int rows, boolean gradient) {
        int outputs = model.config().head().outputSize();
        if (model.config().objective() == Objective.CLASSIFICATION) {
            int[] classes = b.classes();
            long valid = 0;
            for (int i = 0; i < rows; i++) {
                if (classes[i] >= 0) {
                    valid++;
                }
            }
            if (valid == 0) {
                return LossValue.ZERO;
            }
            double sum = backend.softmaxCrossEntropy(rows, outputs, head.output(), 0, classes, 0, 1f / valid,
                    gradient ? dLogits : null, 0);
            return new LossValue(sum, valid);
        }
        int n = rows * outputs;
        float[] mask = b.mask();
        double weight = 0;
        for (int i = 0; i < n; i++) {
            weight += mask[i];
        }
        if (weight == 0) {
            return LossValue.ZERO;
        }
        backend.upload(b.values(), 0, targets, 0, n);
        backend.upload(mask, 0, targetMask, 0, n);
        double sum = backend.squaredError(n, head.output(), 0, targets, 0, targetMask, 0, (float) (1 / weight),
                gradient ? dLogits : null, 0);
        return new LossValue(sum, Math.round(weight));
    }

    private void check(SequenceBatch b) {
        if (b.batch() != batch) {
            throw new IllegalArgumentException("this session runs batches of " + batch + " sequences, got " + b.batch()
                    + "; bind a session per batch size");
        }
        if (b.steps() > maxSteps) {
            throw new IllegalArgumentException("this session runs at most " + maxSteps + " steps, got " + b.steps());
        }
        boolean tokenModel = model.config().input().tokens();
        if (tokenModel != (b.tokens() != null)) {
            throw new IllegalArgumentException(tokenModel ? "this model reads token ids but the batch holds features"
                    : "this model reads real-valued features but the batch holds token ids");
        }
        if (model.config().input().readsCharacters() && b.characters() == null) {
            throw new IllegalArgumentException("this model reads the characters of every word but the batch holds token"
                    + " ids only; make batches with SequenceBatch.tokensWithCharacters");
        }
        if (!tokenModel && b.featuresPerStep() != model.config().input().outputSize()) {
            throw new IllegalArgumentException("this model reads " + model.config().input().outputSize()
                    + " features per step but the batch holds " + b.featuresPerStep());
        }
        boolean classes = model.config().objective() == Objective.CLASSIFICATION;
        if (classes != (b.classes() != null)) {
            throw new IllegalArgumentException(classes ? "this model predicts classes but the batch holds values"
                    : "this model predicts values but the batch holds classes");
        }
        if (!classes && b.valuesPerStep() != model.config().head().outputSize()) {
            throw new IllegalArgumentException("this model predicts " + model.config().head().outputSize()
                    + " values per step but the batch holds " + b.valuesPerStep());
        }
    }

    @Override
    public void close() {
        encoder.close();
        stack.close();
        head.close();
        dLogits.close();
        if (dInput != null) {
            dInput.close();
        }
        if (targets != null) {
            targets.close();
            targetMask.close();
        }
        if (inputMask != null) {
            inputMask.close();
            droppedInput.close();
        }
    }
}
