package org.rnn4j.core.reference;

import static org.rnn4j.api.tensor.Arguments.fits;
import static org.rnn4j.api.tensor.Arguments.fitsHost;
import static org.rnn4j.api.tensor.Arguments.fitsMatrix;
import static org.rnn4j.api.tensor.Arguments.nonNegative;
import static org.rnn4j.api.tensor.Arguments.notNull;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.kernel.AdagradSettings;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.CounterRandom;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * The reference backend: every kernel in plain, single-threaded Java, written for clarity. It is
 * the oracle of the backend test kit and the backend of last resort, so it runs anywhere a JVM
 * runs, with no incubator module and no native code.
 *
 * <p>Arithmetic is done in double. In {@link Precision#FLOAT32} mode every value a kernel stores
 * is rounded to float, so tensors hold exactly float32 contents (results can be more accurate
 * than a float-only computation, never less). In {@link Precision#FLOAT64} mode nothing is
 * rounded: that is the path finite-difference gradient checks use.
 *
 * <p>Determinism: fully deterministic; one thread; sums in index order.
 *
 * <p>Obtain it by name through {@code Backends}: {@code reference} or {@code reference-f64}.
 */
final class ReferenceBackend implements Backend {

    private final String name;
    private final Precision precision;
    private final boolean roundToFloat;
    private double[] rowScratch = new double[0];

    ReferenceBackend(String name, Precision precision) {
        this.name = name;
        this.precision = precision;
        this.roundToFloat = precision == Precision.FLOAT32;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public String toString() {
        return name + " backend";
    }

    // ---- helpers -------------------------------------------------------------------------

    private double[] data(String arg, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(arg + " must not be null");
        }
        if (!(t instanceof ReferenceTensor rt) || !name.equals(t.backendName())) {
            throw new IllegalArgumentException(arg + " belongs to backend '" + t.backendName()
                    + "', not '" + name + "'; allocate it with this backend or copy it through the host");
        }
        return rt.data();
    }

    private double[] data(String arg, Tensor t, int offset, long length) {
        fits(arg, t, offset, length);
        return data(arg, t);
    }

    private void round(double[] d, int off, int len) {
        if (roundToFloat) {
            for (int i = off; i < off + len; i++) {
                d[i] = (float) d[i];
            }
        }
    }

    private void roundMatrix(double[] d, int off, int rows, int cols, int ld) {
        if (roundToFloat) {
            for (int r = 0; r < rows; r++) {
                round(d, off + r * ld, cols);
            }
        }
    }


    // ---- memory --------------------------------------------------------------------------

    @Override
    public Tensor allocate(Shape shape) {
        notNull("shape", shape);
        return new ReferenceTensor(shape, name);
    }

    @Override
    public void upload(float[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        double[] d = data("dst", dst, dstOffset, length);
        for (int i = 0; i < length; i++) {
            d[dstOffset + i] = src[srcOffset + i];
        }
    }

    @Override
    public void upload(double[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        double[] d = data("dst", dst, dstOffset, length);
        System.arraycopy(src, srcOffset, d, dstOffset, length);
        round(d, dstOffset, length);
    }

    @Override
    public void download(Tensor src, int srcOffset, float[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        double[] s = data("src", src, srcOffset, length);
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = (float) s[srcOffset + i];
        }
    }

    @Override
    public void download(Tensor src, int srcOffset, double[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        System.arraycopy(data("src", src, srcOffset, length), srcOffset, dst, dstOffset, length);
    }

    @Override
    public void copy(Tensor src, int srcOffset, Tensor dst, int dstOffset, int length) {
        System.arraycopy(data("src", src, srcOffset, length), srcOffset,
                data("dst", dst, dstOffset, length), dstOffset, length);
    }

    @Override
    public void fill(Tensor dst, int offset, int length, float value) {
        java.util.Arrays.fill(data("dst", dst, offset, length), offset, offset + length, value);
    }

    // ---- linear algebra -------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Tensor a, int aOffset, int lda, Tensor b, int bOffset, int ldb,
                     float beta, Tensor c, int cOffset, int ldc) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        fitsMatrix("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
        fitsMatrix("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
        fitsMatrix("C", c, cOffset, m, n, ldc);
        if (rowScratch.length < n) {
            rowScratch = new double[n];
        }
        double[] cd = data("C", c);
        LinearMath.gemm(transA, transB, m, n, k, alpha, data("A", a), aOffset, lda, data("B", b), bOffset, ldb,
                beta, cd, cOffset, ldc, rowScratch);
        roundMatrix(cd, cOffset, m, n, ldc);
    }

    @Override
    public void oneHotProduct(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                              Tensor w, int wOffset, Tensor c, int cOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "W", w, wOffset, "C", c, cOffset);
        double[] wd = data("W", w);
        double[] cd = data("C", c);
        for (int r = 0; r < rows; r++) {
            int token = tokens[tokensOffset + r];
            int row = cOffset + r * n;
            for (int j = 0; j < n; j++) {
                cd[row + j] = token < 0 ? 0.0 : wd[wOffset + j * vocabulary + token];
            }
        }
    }

    @Override
    public void oneHotWeightGradient(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                                     Tensor dc, int dcOffset, Tensor dw, int dwOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "dW", dw, dwOffset, "dC", dc, dcOffset);
        double[] g = data("dC", dc);
        double[] d = data("dW", dw);
        for (int r = 0; r < rows; r++) {
            int token = tokens[tokensOffset + r];
            if (token >= 0) {
                for (int j = 0; j < n; j++) {
                    d[dwOffset + j * vocabulary + token] += g[dcOffset + r * n + j];
                }
            }
        }
        round(d, dwOffset, n * vocabulary);
    }

    @Override
    public void copyMatrix(int rows, int cols, Tensor src, int srcOffset, int lds, Tensor dst, int dstOffset, int ldd) {
        nonNegative("rows", rows);
        fitsMatrix("src", src, srcOffset, rows, cols, lds);
        fitsMatrix("dst", dst, dstOffset, rows, cols, ldd);
        double[] s = data("src", src);
        double[] d = data("dst", dst);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, srcOffset + r * lds, d, dstOffset + r * ldd, cols);
        }
    }

    @Override
    public void addRowVector(int rows, int cols, Tensor v, int vOffset, Tensor x, int xOffset) {
        nonNegative("rows", rows);
        double[] xd = data("x", x, xOffset, (long) rows * cols);
        LinearMath.addRowVector(rows, cols, data("v", v, vOffset, cols), vOffset, xd, xOffset);
        round(xd, xOffset, rows * cols);
    }

    @Override
    public void sumRows(int rows, int cols, Tensor x, int xOffset, float beta, Tensor out, int outOffset) {
        nonNegative("rows", rows);
        double[] od = data("out", out, outOffset, cols);
        LinearMath.sumRows(rows, cols, data("x", x, xOffset, (long) rows * cols), xOffset, beta, od, outOffset);
        round(od, outOffset, cols);
    }

    // ---- pointwise ------------------------------------------------------------------------

    @Override
    public void activation(Activation f, int n, Tensor x, int xOffset, Tensor y, int yOffset) {
        notNull("activation", f);
        double[] xd = data("x", x, xOffset, n);
        double[] yd = data("y", y, yOffset, n);
        for (int i = 0; i < n; i++) {
            yd[yOffset + i] = Activations.apply(f, xd[xOffset + i]);
        }
        round(yd, yOffset, n);
    }

    @Override
    public void activationBackward(Activation f, int n, Tensor y, int yOffset, Tensor dy, int dyOffset,
                                   float beta, Tensor dx, int dxOffset) {
        notNull("activation", f);
        double[] yd = data("y", y, yOffset, n);
        double[] dyd = data("dy", dy, dyOffset, n);
        double[] dxd = data("dx", dx, dxOffset, n);
        for (int i = 0; i < n; i++) {
            double g = dyd[dyOffset + i] * Activations.derivativeFromOutput(f, yd[yOffset + i]);
            dxd[dxOffset + i] = beta == 0 ? g : g + beta * dxd[dxOffset + i];
        }
        round(dxd, dxOffset, n);
    }

    @Override
    public void axpby(int n, float alpha, Tensor x, int xOffset, float beta, Tensor y, int yOffset) {
        double[] xd = data("x", x, xOffset, n);
        double[] yd = data("y", y, yOffset, n);
        for (int i = 0; i < n; i++) {
            double v = alpha * xd[xOffset + i];
            yd[yOffset + i] = beta == 0 ? v : v + beta * yd[yOffset + i];
        }
        round(yd, yOffset, n);
    }

    @Override
    public void multiply(int n, Tensor x, int xOffset, Tensor y, int yOffset, float beta, Tensor z, int zOffset) {
        double[] xd = data("x", x, xOffset, n);
        double[] yd = data("y", y, yOffset, n);
        double[] zd = data("z", z, zOffset, n);
        for (int i = 0; i < n; i++) {
            double v = xd[xOffset + i] * yd[yOffset + i];
            zd[zOffset + i] = beta == 0 ? v : v + beta * zd[zOffset + i];
        }
        round(zd, zOffset, n);
    }

    @Override
    public void clamp(int n, float lo, float hi, Tensor x, int xOffset) {
        Arguments.clampRange(lo, hi);
        double[] xd = data("x", x, xOffset, n);
        for (int i = xOffset; i < xOffset + n; i++) {
            xd[i] = Math.min(hi, Math.max(lo, xd[i]));
        }
    }

    @Override
    public double sumOfSquares(int n, Tensor x, int xOffset) {
        double[] xd = data("x", x, xOffset, n);
        double sum = 0;
        for (int i = xOffset; i < xOffset + n; i++) {
            sum += xd[i] * xd[i];
        }
        return sum;
    }

    @Override
    public void dropoutMask(int n, float p, long seed, long counter, Tensor mask, int maskOffset) {
        Arguments.dropoutProbability(p);
        double[] md = data("mask", mask, maskOffset, n);
        for (int i = 0; i < n; i++) {
            md[maskOffset + i] = CounterRandom.dropoutMultiplier(seed, counter + i, p);
        }
    }

    @Override
    public void gatherRows(int count, int cols, Tensor table, int tableOffset, int[] rows, int rowsOffset,
                           Tensor out, int outOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        double[] td = data("table", table);
        double[] od = data("out", out, outOffset, (long) count * cols);
        for (int r = 0; r < count; r++) {
            int index = rows[rowsOffset + r];
            int dst = outOffset + r * cols;
            if (index < 0) {
                java.util.Arrays.fill(od, dst, dst + cols, 0.0);
            } else {
                Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
                System.arraycopy(td, tableOffset + index * cols, od, dst, cols);
            }
        }
    }

    @Override
    public void scatterAddRows(int count, int cols, Tensor src, int srcOffset, int[] rows, int rowsOffset,
                               Tensor table, int tableOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        double[] sd = data("src", src, srcOffset, (long) count * cols);
        double[] td = data("table", table);
        for (int r = 0; r < count; r++) {
            int index = rows[rowsOffset + r];
            if (index < 0) {
                continue;
            }
            Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
            int dst = tableOffset + index * cols;
            for (int c = 0; c < cols; c++) {
                td[dst + c] += sd[srcOffset + r * cols + c];
            }
            round(td, dst, cols);
        }
    }


    // ---- recurrent ------------------------------------------------------------------------

    @Override
    public void lstmForward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                            Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        int bh = batch * hidden;
        double[] g = data("gates", gates, gatesOffset, 4L * bh);
        double[] cd = data("c", c, cOffset, bh);
        double[] hd = data("h", h, hOffset, bh);
        RecurrentMath.lstmForward(batch, hidden, g, gatesOffset, data("cPrev", cPrev, cPrevOffset, bh), cPrevOffset,
                cd, cOffset, hd, hOffset);
        round(g, gatesOffset, 4 * bh);
        round(cd, cOffset, bh);
        round(hd, hOffset, bh);
    }

    @Override
    public void lstmBackward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                             Tensor c, int cOffset, Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                             Tensor dGates, int dGatesOffset, Tensor dcPrev, int dcPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        int bh = batch * hidden;
        double[] dg = data("dGates", dGates, dGatesOffset, 4L * bh);
        double[] dcp = data("dcPrev", dcPrev, dcPrevOffset, bh);
        RecurrentMath.lstmBackward(batch, hidden, data("gates", gates, gatesOffset, 4L * bh), gatesOffset,
                data("cPrev", cPrev, cPrevOffset, bh), cPrevOffset, data("c", c, cOffset, bh), cOffset,
                data("dh", dh, dhOffset, bh), dhOffset, data("dc", dc, dcOffset, bh), dcOffset,
                dg, dGatesOffset, dcp, dcPrevOffset);
        round(dg, dGatesOffset, 4 * bh);
        round(dcp, dcPrevOffset, bh);
    }

    @Override
    public void gruForward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                           Tensor hPrev, int hPrevOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        int bh = batch * hidden;
        double[] x = data("xg", xg, xgOffset, 3L * bh);
        double[] hd = data("h", h, hOffset, bh);
        RecurrentMath.gruForward(batch, hidden, x, xgOffset, data("hg", hg, hgOffset, 3L * bh), hgOffset,
                data("hPrev", hPrev, hPrevOffset, bh), hPrevOffset, hd, hOffset);
        round(x, xgOffset, 3 * bh);
        round(hd, hOffset, bh);
    }

    @Override
    public void gruBackward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                            Tensor hPrev, int hPrevOffset, Tensor dh, int dhOffset, Tensor dXg, int dXgOffset,
                            Tensor dHg, int dHgOffset, Tensor dhPrev, int dhPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        int bh = batch * hidden;
        double[] dx = data("dXg", dXg, dXgOffset, 3L * bh);
        double[] dhg = data("dHg", dHg, dHgOffset, 3L * bh);
        double[] dhp = data("dhPrev", dhPrev, dhPrevOffset, bh);
        RecurrentMath.gruBackward(batch, hidden, data("xg", xg, xgOffset, 3L * bh), xgOffset,
                data("hg", hg, hgOffset, 3L * bh), hgOffset, data("hPrev", hPrev, hPrevOffset, bh), hPrevOffset,
                data("dh", dh, dhOffset, bh), dhOffset, dx, dXgOffset, dhg, dHgOffset, dhp, dhPrevOffset);
        round(dx, dXgOffset, 3 * bh);
        round(dhg, dHgOffset, 3 * bh);
        round(dhp, dhPrevOffset, bh);
    }

    @Override
    public void elmanForward(Activation act, int batch, int hidden, Tensor pre, int preOffset, Tensor h, int hOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        data("pre", pre, preOffset, (long) batch * hidden);
        data("h", h, hOffset, (long) batch * hidden);
        activation(act, batch * hidden, pre, preOffset, h, hOffset);
    }

    @Override
    public void elmanBackward(Activation act, int batch, int hidden, Tensor h, int hOffset, Tensor dh, int dhOffset,
                              Tensor dPre, int dPreOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        data("h", h, hOffset, (long) batch * hidden);
        data("dh", dh, dhOffset, (long) batch * hidden);
        data("dPre", dPre, dPreOffset, (long) batch * hidden);
        activationBackward(act, batch * hidden, h, hOffset, dh, dhOffset, 0f, dPre, dPreOffset);
    }

    @Override
    public void jordanOutputForward(Activation act, int batch, int outputs, Tensor yPre, int yPreOffset,
                                    Tensor bias, int biasOffset, Tensor y, int yOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        int n = batch * outputs;
        double[] yd = data("y", y, yOffset, n);
        RecurrentMath.outputActivation(act, batch, outputs, data("yPre", yPre, yPreOffset, n), yPreOffset,
                data("bias", bias, biasOffset, outputs), biasOffset, yd, yOffset);
        round(yd, yOffset, n);
    }

    @Override
    public void jordanOutputBackward(Activation act, int batch, int outputs, Tensor y, int yOffset,
                                     Tensor dy, int dyOffset, Tensor dyPre, int dyPreOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        data("y", y, yOffset, (long) batch * outputs);
        data("dy", dy, dyOffset, (long) batch * outputs);
        data("dyPre", dyPre, dyPreOffset, (long) batch * outputs);
        activationBackward(act, batch * outputs, y, yOffset, dy, dyOffset, 0f, dyPre, dyPreOffset);
    }


    // ---- losses ---------------------------------------------------------------------------

    @Override
    public double softmaxCrossEntropy(int rows, int classes, Tensor logits, int logitsOffset, int[] targets,
                                      int targetsOffset, float gradScale, Tensor dLogits, int dLogitsOffset) {
        Arguments.classTargets(rows, classes, targets, targetsOffset);
        long n = (long) rows * classes;
        double[] l = data("logits", logits, logitsOffset, n);
        double[] d = dLogits == null ? null : data("dLogits", dLogits, dLogitsOffset, n);
        double loss = LossMath.softmaxCrossEntropy(rows, classes, l, logitsOffset, targets, targetsOffset,
                gradScale, d, dLogitsOffset);
        if (d != null) {
            round(d, dLogitsOffset, (int) n);
        }
        return loss;
    }

    @Override
    public double squaredError(int n, Tensor pred, int predOffset, Tensor target, int targetOffset,
                               Tensor mask, int maskOffset, float gradScale, Tensor dPred, int dPredOffset) {
        nonNegative("n", n);
        double[] md = mask == null ? null : data("mask", mask, maskOffset, n);
        double[] dd = dPred == null ? null : data("dPred", dPred, dPredOffset, n);
        double sum = LossMath.squaredError(n, data("pred", pred, predOffset, n), predOffset,
                data("target", target, targetOffset, n), targetOffset, md, maskOffset, gradScale, dd, dPredOffset);
        if (dd != null) {
            round(dd, dPredOffset, n);
        }
        return sum;
    }

    @Override
    public void softmax(int rows, int classes, float temperature, Tensor logits, int logitsOffset,
                        Tensor probs, int probsOffset) {
        Arguments.temperature(temperature);
        nonNegative("rows", rows);
        Arguments.positive("classes", classes);
        long n = (long) rows * classes;
        double[] pd = data("probs", probs, probsOffset, n);
        LossMath.softmax(rows, classes, temperature, data("logits", logits, logitsOffset, n), logitsOffset,
                pd, probsOffset);
        round(pd, probsOffset, (int) n);
    }

    // ---- optimisers -----------------------------------------------------------------------

    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, int offset, int length, float lr,
                        boolean firstStep, SgdSettings settings) {
        notNull("settings", settings);
        double[] p = data("param", param, offset, length);
        double[] buf = settings.momentum() == 0 ? null : data("momentumBuffer", momentumBuffer, offset, length);
        OptimizerMath.sgd(p, data("grad", grad, offset, length), buf, offset, length, lr, firstStep, settings);
        round(p, offset, length);
        if (buf != null) {
            round(buf, offset, length);
        }
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, int offset, int length, float lr, long step,
                         AdamSettings settings) {
        notNull("settings", settings);
        Arguments.adamStep(step);
        double[] p = data("param", param, offset, length);
        double[] md = data("m", m, offset, length);
        double[] vd = data("v", v, offset, length);
        OptimizerMath.adam(p, data("grad", grad, offset, length), md, vd, offset, length, lr, step, settings);
        round(p, offset, length);
        round(md, offset, length);
        round(vd, offset, length);
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor square, Tensor momentumBuffer, int offset, int length,
                            float lr, RmspropSettings settings) {
        notNull("settings", settings);
        double[] p = data("param", param, offset, length);
        double[] sq = data("square", square, offset, length);
        double[] buf = settings.momentum() > 0 ? data("momentumBuffer", momentumBuffer, offset, length) : null;
        OptimizerMath.rmsprop(p, data("grad", grad, offset, length), sq, buf, offset, length, lr, settings);
        round(p, offset, length);
        round(sq, offset, length);
        if (buf != null) {
            round(buf, offset, length);
        }
    }

    @Override
    public void adagradStep(Tensor param, Tensor grad, Tensor sum, int offset, int length, float lr,
                            AdagradSettings settings) {
        notNull("settings", settings);
        double[] p = data("param", param, offset, length);
        double[] s = data("sum", sum, offset, length);
        OptimizerMath.adagrad(p, data("grad", grad, offset, length), s, offset, length, lr, settings);
        round(p, offset, length);
        round(s, offset, length);
    }
}
