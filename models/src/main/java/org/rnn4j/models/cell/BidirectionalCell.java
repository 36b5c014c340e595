package org.rnn4j.models.cell;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.cell.StateSpec;

/**
 * Any cell run in both directions, as PyTorch's {@code bidirectional=True}: the forward copy
 * reads steps {@code 0..len-1}, the reverse copy (its own parameters, named with the suffix
 * {@code _reverse}) reads {@code len-1..0} of each sequence, and the output at every step is the
 * two outputs side by side, {@code [T, B, 2 * outputSize]}.
 *
 * <pre>{@code
 * Cell bi = new BidirectionalCell(Cells.lstm(100, 128));   // outputs 256 features per step
 * }</pre>
 *
 * @param inner the cell run in each direction
 */
public record BidirectionalCell(Cell inner) implements Cell {

    /** The suffix of the reverse direction's parameter and state names. */
    public static final String REVERSE = "_reverse";

    /** Rejects nesting. */
    public BidirectionalCell {
        if (inner == null) {
            throw new IllegalArgumentException("a bidirectional layer needs a cell");
        }
        if (inner instanceof BidirectionalCell) {
            throw new IllegalArgumentException("a bidirectional layer cannot wrap another bidirectional layer");
        }
    }

    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public int inputSize() {
        return inner.inputSize();
    }

    @Override
    public int hiddenSize() {
        return inner.hiddenSize();
    }

    @Override
    public int outputSize() {
        return 2 * inner.outputSize();
    }

    @Override
    public List<StateSpec> states() {
        List<StateSpec> all = new ArrayList<>(inner.states());
        for (StateSpec s : inner.states()) {
            all.add(new StateSpec(s.name() + REVERSE, s.size()));
        }
        return all;
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> all = new ArrayList<>(inner.parameters());
        for (ParameterSpec p : inner.parameters()) {
            all.add(new ParameterSpec(p.name() + REVERSE, p.shape(), p.initializer()));
        }
        return all;
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch) {
        ParameterBinding reverse = new ParameterBinding() {
            @Override
            public ParameterRef weight(String name) {
                return parameters.weight(name + REVERSE);
            }

            @Override
            public ParameterRef gradient(String name) {
                return parameters.gradient(name + REVERSE);
            }
        };
        CellRunner forward = inner.bind(backend, parameters, maxSteps, batch);
        try {
            return new BidirectionalRunner(this, backend, forward, inner.bind(backend, reverse, maxSteps, batch));
        } catch (RuntimeException e) {
            forward.close();
            throw e;
        }
    }
}
