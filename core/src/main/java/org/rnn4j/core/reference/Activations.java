package org.rnn4j.core.reference;

import org.rnn4j.api.kernel.Activation;

/** Scalar activation functions and their derivatives from the output, in double precision. */
final class Activations {

    private Activations() {
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static double apply(Activation f, double x) {
        switch (f) {
            case IDENTITY:
                return x;
            case TANH:
                return Math.tanh(x);
            case RELU:
                return x > 0 ? x : (x <= 0 ? 0.0 : x); // NaN stays NaN
            case SIGMOID:
                return sigmoid(x);
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
    }

    /** The derivative of {@code f} at the point whose output is {@code y}. */
    static double derivativeFromOutput(Activation f, double y) {
        switch (f) {
            case IDENTITY:
                return 1.0;
            case TANH:
                return 1.0 - y * y;
            case RELU:
                return y > 0 ? 1.0 : 0.0;
            case SIGMOID:
                return y * (1.0 - y);
            default:
                throw new IllegalArgumentException("unsupported activation " + f);
        }
    }
}
