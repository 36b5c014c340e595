package org.rnn4j.api.cell;

import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * Where one parameter (or its gradient) lives: a range of a backend tensor, usually of the one
 * flat tensor that holds all of a model's parameters.
 *
 * <pre>{@code
 * ParameterRef w = binding.weight("weight_hh");
 * backend.gemm(false, true, B, G * H, H, 1f, h, 0, H, w.tensor(), w.offset(), H, 1f, gates, 0, G * H);
 * }</pre>
 *
 * @param tensor the owning tensor
 * @param offset first element
 * @param shape  the parameter's shape; it occupies {@code shape.size()} elements
 */
public record ParameterRef(Tensor tensor, int offset, Shape shape) {

    /** Checks that the range lies inside the tensor. */
    public ParameterRef {
        if (tensor == null || shape == null) {
            throw new IllegalArgumentException("a parameter reference needs a tensor and a shape");
        }
        org.rnn4j.api.tensor.Arguments.fits("parameter of shape " + shape, tensor, offset, shape.size());
    }
}
