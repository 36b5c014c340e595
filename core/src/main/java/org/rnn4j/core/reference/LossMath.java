package org.rnn4j.core.reference;

/** Scalar losses and softmax in double precision. */
final class LossMath {

    private LossMath() {
    }

    static double softmaxCrossEntropy(int rows, int classes, double[] logits, int lOff, int[] targets, int tOff,
                                      double gradScale, double[] dLogits, int dOff) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int base = lOff + r * classes;
            int dBase = dOff + r * classes;
            int target = targets[tOff + r];
            if (target < 0) {
                if (dLogits != null) {
                    java.util.Arrays.fill(dLogits, dBase, dBase + classes, 0.0);
                }
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[base + c] - max);
            }
            double logSum = Math.log(sum) + max;
            loss += logSum - logits[base + target];
            if (dLogits != null) {
                for (int c = 0; c < classes; c++) {
                    double p = Math.exp(logits[base + c] - logSum);
                    dLogits[dBase + c] = gradScale * (c == target ? p - 1 : p);
                }
            }
        }
        return loss;
    }

    static double squaredError(int n, double[] pred, int pOff, double[] target, int tOff, double[] mask, int mOff,
                               double gradScale, double[] dPred, int dOff) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double m = mask == null ? 1.0 : mask[mOff + i];
            if (m == 0) {
                // Padding contributes nothing, even when it holds garbage such as NaN.
                if (dPred != null) {
                    dPred[dOff + i] = 0;
                }
                continue;
            }
            double diff = pred[pOff + i] - target[tOff + i];
            sum += m * diff * diff;
            if (dPred != null) {
                dPred[dOff + i] = gradScale * 2 * m * diff;
            }
        }
        return sum;
    }

    static void softmax(int rows, int classes, double temperature, double[] logits, int lOff,
                        double[] probs, int pOff) {
        for (int r = 0; r < rows; r++) {
            int base = lOff + r * classes;
            int out = pOff + r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp((logits[base + c] - max) / temperature);
                probs[out + c] = e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) {
                probs[out + c] /= sum;
            }
        }
    }
}
