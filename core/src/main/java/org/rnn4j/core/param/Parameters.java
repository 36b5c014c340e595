package org.rnn4j.core.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * All of a model's parameters in ONE flat tensor, with their gradients in a second flat tensor
 * of the same layout. One flat vector means one optimiser call, one norm for clipping and one
 * zeroing per step, and it is what cuDNN does with its weight buffer.
 *
 * <pre>{@code
 * try (Parameters p = Parameters.allocate(backend, stack.parameters())) {
 *     p.initialize(42);
 *     ParameterBinding layer0 = p.binding("", "_l0");   // weight_ih -> weight_ih_l0
 *     float[] w = p.read("weight_ih_l0");
 * }
 * }</pre>
 */
public final class Parameters implements AutoCloseable {

    private final Backend backend;
    private final List<NamedParameter> order;
    private final Map<String, Integer> offsets;
    private final Map<String, NamedParameter> byName;
    private final Tensor values;
    private final Tensor gradients;

    private Parameters(Backend backend, List<NamedParameter> order, Map<String, Integer> offsets,
                       Map<String, NamedParameter> byName, int total) {
        this.backend = backend;
        this.order = order;
        this.offsets = offsets;
        this.byName = byName;
        this.values = backend.allocate(Shape.of(total));
        this.gradients = backend.allocate(Shape.of(total));
    }

    /**
     * Lays out {@code parameters} back to back in their order and allocates values and
     * gradients (zeros) on {@code backend}.
     *
     * @throws IllegalArgumentException on an empty list or a duplicate name
     */
    public static Parameters allocate(Backend backend, List<NamedParameter> parameters) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one parameter");
        }
        Map<String, Integer> offsets = new LinkedHashMap<>();
        Map<String, NamedParameter> byName = new LinkedHashMap<>();
        long total = 0;
        for (NamedParameter p : parameters) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter name '" + p.name() + "' is used twice");
            }
            offsets.put(p.name(), (int) total);
            total += p.spec().shape().size();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the model has more than " + Integer.MAX_VALUE + " parameters");
            }
        }
        return new Parameters(backend, List.copyOf(parameters), offsets, byName, (int) total);
    }

    /**
     * Draws every parameter's initial values from one {@link SeededRandom} in declaration
     * order, so a seed fixes the whole model.
     */
    public void initialize(long seed) {
        initialize(new SeededRandom(seed));
    }

    /** Like {@link #initialize(long)}, continuing from {@code random}. */
    public void initialize(SeededRandom random) {
        for (NamedParameter p : order) {
            float[] host = new float[p.spec().shape().size()];
            p.spec().initializer().initialize(host, random);
            backend.upload(host, 0, values, offsets.get(p.name()), host.length);
        }
    }

    /** The backend holding the tensors. */
    public Backend backend() {
        return backend;
    }

    /** The flat parameter vector. */
    public Tensor values() {
        return values;
    }

    /** The flat gradient vector, same layout as {@link #values()}. */
    public Tensor gradients() {
        return gradients;
    }

    /** Total number of scalar parameters. */
    public int size() {
        return values.size();
    }

    /** The parameters in layout order. */
    public List<NamedParameter> parameters() {
        return order;
    }

    /** Sets every gradient to zero. */
    public void zeroGradients() {
        backend.fill(gradients, 0, gradients.size(), 0f);
    }

    /** Where parameter {@code name} lives in {@link #values()}. */
    public ParameterRef value(String name) {
        return new ParameterRef(values, offset(name), byName.get(name).spec().shape());
    }

    /** Where the gradient of {@code name} lives in {@link #gradients()}. */
    public ParameterRef gradient(String name) {
        return new ParameterRef(gradients, offset(name), byName.get(name).spec().shape());
    }

    private int offset(String name) {
        Integer offset = offsets.get(name);
        if (offset == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; known parameters: "
                    + String.join(", ", offsets.keySet()));
        }
        return offset;
    }

    /**
     * A binding for one cell: its base name {@code n} maps to {@code prefix + n + suffix}, e.g.
     * prefix {@code "rnn."} and suffix {@code "_l1"} map {@code weight_ih} to
     * {@code rnn.weight_ih_l1}.
     */
    public ParameterBinding binding(String prefix, String suffix) {
        return new ParameterBinding() {
            @Override
            public ParameterRef weight(String name) {
                return value(prefix + name + suffix);
            }

            @Override
            public ParameterRef gradient(String name) {
                return Parameters.this.gradient(prefix + name + suffix);
            }
        };
    }

    /**
     * A host copy of every parameter value in layout order: the whole model's weights, e.g. the
     * best so far during training, or what a checkpoint stores.
     */
    public float[] snapshot() {
        float[] host = new float[size()];
        snapshotInto(host);
        return host;
    }

    /**
     * Like {@link #snapshot()}, into {@code host} (at least {@link #size()} long), so that a
     * snapshot taken at every evaluation reuses one array.
     */
    public void snapshotInto(float[] host) {
        requireLayout("host", host, false);
        backend.download(values, 0, host, 0, size());
    }

    /**
     * Overwrites every parameter value with a {@link #snapshot()} of this layout.
     *
     * @throws IllegalArgumentException when {@code host} does not hold exactly {@link #size()} values
     */
    public void restore(float[] host) {
        requireLayout("the snapshot", host, true);
        backend.upload(host, 0, values, 0, host.length);
    }

    private void requireLayout(String what, float[] host, boolean exact) {
        if (host == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (exact ? host.length != size() : host.length < size()) {
            throw new IllegalArgumentException(what + " holds " + host.length + " values but the model has "
                    + size() + " parameters");
        }
    }

    /** A host copy of parameter {@code name}. */
    public float[] read(String name) {
        return readFrom(values, name);
    }

    /** A host copy of the gradient of {@code name}. */
    public float[] readGradient(String name) {
        return readFrom(gradients, name);
    }

    private float[] readFrom(Tensor tensor, String name) {
        int offset = offset(name);
        float[] host = new float[byName.get(name).spec().shape().size()];
        backend.download(tensor, offset, host, 0, host.length);
        return host;
    }

    /**
     * Overwrites parameter {@code name} with {@code data} of the given shape.
     *
     * @throws IllegalArgumentException naming the parameter when the shape or length differs
     */
    public void write(String name, Shape shape, float[] data) {
        int offset = offset(name);
        Shape expected = byName.get(name).spec().shape();
        if (!expected.equals(shape)) {
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + expected
                    + " but the data has shape " + shape);
        }
        if (data.length != expected.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' needs " + expected.size()
                    + " values but got " + data.length);
        }
        backend.upload(data, 0, values, offset, data.length);
    }

    /**
     * Loads a PyTorch {@code state_dict} (e.g. a safetensors file saved from
     * {@code torch.nn.LSTM}): every parameter named {@code prefix + key} for some tensor
     * {@code key} takes that tensor's values; tensors without a matching parameter are ignored.
     *
     * @return the names of the parameters written
     * @throws IllegalArgumentException naming the tensor when a shape differs
     */
    public List<String> loadStateDict(List<org.rnn4j.core.io.NamedArray> stateDict, String prefix) {
        List<String> loaded = new ArrayList<>();
        for (org.rnn4j.core.io.NamedArray t : stateDict) {
            String name = prefix + t.name();
            if (byName.containsKey(name)) {
                write(name, t.shape(), t.data());
                loaded.add(name);
            }
        }
        return loaded;
    }

    /** Host copies of every parameter by name, in layout order. */
    public Map<String, float[]> readAll() {
        Map<String, float[]> all = new LinkedHashMap<>();
        for (NamedParameter p : order) {
            all.put(p.name(), read(p.name()));
        }
        return Collections.unmodifiableMap(all);
    }

    /** Names in layout order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(order.size());
        order.forEach(p -> names.add(p.name()));
        return names;
    }

    @Override
    public void close() {
        values.close();
        gradients.close();
    }
}
