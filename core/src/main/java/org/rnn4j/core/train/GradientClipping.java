package org.rnn4j.core.train;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * Gradient clipping over a model's flat gradient vector: by global L2 norm (as
 * {@code torch.nn.utils.clip_grad_norm_}) and/or by value (as {@code clip_grad_value_}).
 *
 * <pre>{@code
 * GradientClipping clip = GradientClipping.byNorm(5);
 * double norm = clip.apply(backend, gradients);   // the norm before clipping
 * }</pre>
 *
 * @param maxNorm  clip when the global norm exceeds it; {@code +inf} disables
 * @param maxValue clamp every element into {@code [-maxValue, maxValue]}; {@code +inf} disables
 */
public record GradientClipping(double maxNorm, double maxValue) {

    /** Validates both limits. */
    public GradientClipping {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("gradient norm limit must be > 0 (or infinity to disable), got " + maxNorm);
        }
        if (!(maxValue > 0)) {
            throw new IllegalArgumentException("gradient value limit must be > 0 (or infinity to disable), got " + maxValue);
        }
    }

    /** No clipping; {@link #apply} still measures the norm. */
    public static GradientClipping none() {
        return new GradientClipping(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Clipping by global L2 norm. */
    public static GradientClipping byNorm(double maxNorm) {
        return new GradientClipping(maxNorm, Double.POSITIVE_INFINITY);
    }

    /** Clipping by value. */
    public static GradientClipping byValue(double maxValue) {
        return new GradientClipping(Double.POSITIVE_INFINITY, maxValue);
    }

    /**
     * Clips {@code gradients} in place: first by value, then by norm, and returns the global L2
     * norm measured before norm clipping (NaN or infinite when a gradient is).
     */
    public double apply(Backend backend, Tensor gradients) {
        int n = gradients.size();
        if (maxValue != Double.POSITIVE_INFINITY) {
            backend.clamp(n, (float) -maxValue, (float) maxValue, gradients, 0);
        }
        double norm = Math.sqrt(backend.sumOfSquares(n, gradients, 0));
        if (Double.isFinite(norm) && norm > maxNorm) {
            // PyTorch's coefficient, including its 1e-6 guard, so clipped steps match torch's.
            float coefficient = (float) (maxNorm / (norm + 1e-6));
            backend.axpby(n, coefficient, gradients, 0, 0f, gradients, 0);
        }
        return norm;
    }
}
