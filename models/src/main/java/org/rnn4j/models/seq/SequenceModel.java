package org.rnn4j.models.seq;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;
import org.rnn4j.models.stack.RecurrentStack;

/**
 * A sequence model: input encoding, recurrent stack and output head, with ALL parameters in one
 * flat {@link Parameters} store named as PyTorch names them ({@code embedding.weight},
 * {@code rnn.weight_ih_l0}, {@code head.weight}, ...). It owns its parameters; sessions bound to
 * it own their workspaces.
 *
 * <pre>{@code
 * try (SequenceModel model = SequenceModel.create(backend, config, 42);
 *      SequenceSession session = model.session(64, 32)) {
 *     LossValue loss = session.evaluate(batch);
 * }
 * }</pre>
 */
public final class SequenceModel implements AutoCloseable {

    private final SequenceModelConfig config;
    private final RecurrentStack stack;
    private final Parameters parameters;
    private final long seed;

    private SequenceModel(SequenceModelConfig config, RecurrentStack stack, Parameters parameters, long seed) {
        this.config = config;
        this.stack = stack;
        this.parameters = parameters;
        this.seed = seed;
    }

    /**
     * Allocates the model on {@code backend} and initialises every parameter from {@code seed}
     * (which also seeds dropout).
     */
    public static SequenceModel create(Backend backend, SequenceModelConfig config, long seed) {
        if (backend == null || config == null) {
            throw new IllegalArgumentException("a model needs a backend and a configuration");
        }
        RecurrentStack stack = config.stack();
        List<NamedParameter> all = new ArrayList<>(config.input().parameters());
        all.addAll(stack.parameters());
        all.addAll(config.head().parameters(stack.outputSize()));
        Parameters params = Parameters.allocate(backend, all);
        try {
            params.initialize(seed);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
        return new SequenceModel(config, stack, params, seed);
    }

    /** The architecture. */
    public SequenceModelConfig config() {
        return config;
    }

    /** The recurrent part. */
    public RecurrentStack stack() {
        return stack;
    }

    /** Every parameter and gradient. */
    public Parameters parameters() {
        return parameters;
    }

    /** The backend holding the parameters. */
    public Backend backend() {
        return parameters.backend();
    }

    /** The seed the model was created with; dropout masks derive from it and the step. */
    public long seed() {
        return seed;
    }

    /**
     * A training and evaluation session for batches of up to {@code maxSteps} steps and exactly
     * {@code batch} sequences; with {@code carryState} the final states of one batch become the
     * initial states of the next (truncated BPTT over consecutive batches).
     */
    public SequenceSession session(int maxSteps, int batch, boolean carryState) {
        return new SequenceSession(this, maxSteps, batch, carryState);
    }

    @Override
    public void close() {
        parameters.close();
    }
}
