package org.rnn4j.models.head;

import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;

/**
 * A dense layer {@code y = x W^T + b} over {@code rows} rows, bound to its parameters
 * ({@code <prefix>weight [out, in]}, {@code <prefix>bias [out]}, named and initialised as
 * {@code torch.nn.Linear}) and to an output workspace. Heads and the projection encoder are
 * built from it.
 *
 * <pre>{@code
 * Linear head = new Linear(backend, params, "head.", 128, 84, T * B);
 * Tensor logits = head.forward(h, 0, rows);
 * }</pre>
 */
public final class Linear implements AutoCloseable {

    private final Backend backend;
    private final int in;
    private final int out;
    private final ParameterRef w;
    private final ParameterRef b;
    private final ParameterRef dw;
    private final ParameterRef db;
    private final Tensor output;

    /** Binds the parameters called {@code prefix + "weight"} and {@code prefix + "bias"}. */
    public Linear(Backend backend, Parameters params, String prefix, int in, int out, int maxRows) {
        this.backend = backend;
        this.in = in;
        this.out = out;
        this.w = params.value(prefix + "weight");
        this.b = params.value(prefix + "bias");
        this.dw = params.gradient(prefix + "weight");
        this.db = params.gradient(prefix + "bias");
        this.output = backend.allocate(maxRows, out);
    }

    /** The parameters of a {@code in -> out} layer under {@code prefix}, uniform in {@code +-1/sqrt(in)}. */
    public static List<NamedParameter> parameters(String prefix, int in, int out) {
        Initializer init = Initializer.uniform(1 / Math.sqrt(in));
        return List.of(new NamedParameter(prefix + "weight", new ParameterSpec("weight", Shape.of(out, in), init)),
                new NamedParameter(prefix + "bias", new ParameterSpec("bias", Shape.of(out), init)));
    }

    /** The output block, {@code [maxRows, out]}. */
    public Tensor output() {
        return output;
    }

    /** {@code output = x W^T + b} for the first {@code rows} rows of {@code x} ({@code [rows, in]}). */
    public Tensor forward(Tensor x, int xOffset, int rows) {
        backend.gemm(false, true, rows, out, in, 1f, x, xOffset, in, w.tensor(), w.offset(), in, 0f, output, 0, out);
        backend.addRowVector(rows, out, b.tensor(), b.offset(), output, 0);
        return output;
    }

    /**
     * Accumulates {@code dW += dy^T x}, {@code db += colsum(dy)} and, when {@code dx} is not null,
     * writes {@code dx = dy W}.
     */
    public void backward(Tensor dy, int rows, Tensor x, int xOffset, Tensor dx, int dxOffset) {
        backend.gemm(true, false, out, in, rows, 1f, dy, 0, out, x, xOffset, in, 1f, dw.tensor(), dw.offset(), in);
        backend.sumRows(rows, out, dy, 0, 1f, db.tensor(), db.offset());
        if (dx != null) {
            backend.gemm(false, false, rows, in, out, 1f, dy, 0, out, w.tensor(), w.offset(), in, 0f, dx, dxOffset, in);
        }
    }

    @Override
    public void close() {
        output.close();
    }
}
