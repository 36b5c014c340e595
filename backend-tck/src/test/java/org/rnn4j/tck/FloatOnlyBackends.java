package org.rnn4j.tck;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.tensor.Tensor;

/**
 * A legitimate float32 backend of the plainest kind: the reference backend with the kernels most
 * sensitive to rounding redone in float arithmetic only, in naive orders (GEMM and sums
 * accumulate in one float, softmax works in the log domain). The reference computes in double and
 * rounds once; a SIMD or GPU backend cannot, and the kit's tolerances must leave room for that.
 *
 * <p>Each kernel snapshots its tensors, lets the reference run (so its argument checks and
 * refusals stay exactly as they are), then overwrites the results with the float computation.
 */
final class FloatOnlyBackends {

    private FloatOnlyBackends() {
    }

    /** Host copies of the tensors one kernel call touches; aliased tensors share one copy. */
    private static final class Host {
        private final Backend real;
        private final Map<Tensor, float[]> arrays = new IdentityHashMap<>();

        Host(Backend real) {
            this.real = real;
        }

        float[] of(Tensor t) {
            return t == null ? null : arrays.computeIfAbsent(t, k -> {
                float[] values = new float[k.size()];
                real.download(k, 0, values, 0, values.length);
                return values;
            });
        }

        void writeBack() {
            arrays.forEach((t, values) -> real.upload(values, 0, t, 0, values.length));
        }
    }

    /** A float-only kernel on host copies. */
    @FunctionalInterface
    private interface FloatKernel {
        Object run(Host host, Object[] a);
    }

    private static final Map<String, FloatKernel> KERNELS = Map.of(
            "gemm", FloatOnlyBackends::gemm,
            "sumRows", FloatOnlyBackends::sumRows,
            "sumOfSquares", FloatOnlyBackends::sumOfSquares,
            "softmaxCrossEntropy", FloatOnlyBackends::crossEntropy,
            "softmax", FloatOnlyBackends::softmax,
            "lstmForward", FloatOnlyBackends::lstmForward,
            "lstmBackward", FloatOnlyBackends::lstmBackward,
            "gruForward", FloatOnlyBackends::gruForward,
            "adamStep", FloatOnlyBackends::adam,
            "rmspropStep", FloatOnlyBackends::rmsprop);

    static Backend wrap(Backend real) {
        return (Backend) Proxy.newProxyInstance(FloatOnlyBackends.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    FloatKernel kernel = KERNELS.get(method.getName());
                    Host host = new Host(real);
                    Object[] snapshot = null;
                    if (kernel != null) {
                        try {
                            for (Object arg : args) {
                                if (arg instanceof Tensor) {
                                    host.of((Tensor) arg);
                                }
                            }
                            snapshot = args;
                        } catch (IllegalArgumentException foreign) {
                            snapshot = null; // let the reference refuse it in its own words
                        }
                    }
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (snapshot == null) {
                        return result;
                    }
                    Object floatResult = kernel.run(host, snapshot);
                    host.writeBack();
                    return floatResult;
                });
    }

    private static float sigmoid(float x) {
        return 1f / (1f + (float) Math.exp(-x));
    }

    private static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    private static Object gemm(Host h, Object[] a) {
        boolean ta = (boolean) a[0];
        boolean tb = (boolean) a[1];
        int m = (int) a[2];
        int n = (int) a[3];
        int k = (int) a[4];
        float alpha = (float) a[5];
        float[] x = h.of((Tensor) a[6]);
        int xo = (int) a[7];
        int lda = (int) a[8];
        float[] y = h.of((Tensor) a[9]);
        int yo = (int) a[10];
        int ldb = (int) a[11];
        float beta = (float) a[12];
        float[] c = h.of((Tensor) a[13]);
        int co = (int) a[14];
        int ldc = (int) a[15];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc += (ta ? x[xo + p * lda + i] : x[xo + i * lda + p]) * (tb ? y[yo + j * ldb + p] : y[yo + p * ldb + j]);
                }
                int at = co + i * ldc + j;
                c[at] = beta == 0 ? alpha * acc : alpha * acc + beta * c[at];
            }
        }
        return null;
    }

    private static Object sumRows(Host h, Object[] a) {
        int rows = (int) a[0];
        int cols = (int) a[1];
        float[] x = h.of((Tensor) a[2]);
        int xo = (int) a[3];
        float beta = (float) a[4];
        float[] out = h.of((Tensor) a[5]);
        int oo = (int) a[6];
        for (int c = 0; c < cols; c++) {
            float sum = 0f;
            for (int r = 0; r < rows; r++) {
                sum += x[xo + r * cols + c];
            }
            out[oo + c] = beta == 0 ? sum : beta * out[oo + c] + sum;
        }
        return null;
    }

    private static Object sumOfSquares(Host h, Object[] a) {
        int n = (int) a[0];
        float[] x = h.of((Tensor) a[1]);
        int xo = (int) a[2];
        float sum = 0f;
        for (int i = xo; i < xo + n; i++) {
            sum += x[i] * x[i];
        }
        return (double) sum;
    }

    private static Object crossEntropy(Host h, Object[] a) {
        int rows = (int) a[0];
        int classes = (int) a[1];
        float[] l = h.of((Tensor) a[2]);
        int lo = (int) a[3];
        int[] targets = (int[]) a[4];
        int to = (int) a[5];
        float gradScale = (float) a[6];
        float[] d = h.of((Tensor) a[7]);
        int dOff = (int) a[8];
        float loss = 0f;
        for (int r = 0; r < rows; r++) {
            int base = lo + r * classes;
            int target = targets[to + r];
            if (target < 0) {
                if (d != null) {
                    java.util.Arrays.fill(d, dOff + r * classes, dOff + (r + 1) * classes, 0f);
                }
                continue;
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, l[base + c]);
            }
            float sum = 0f;
            for (int c = 0; c < classes; c++) {
                sum += (float) Math.exp(l[base + c] - max);
            }
            float lse = max + (float) Math.log(sum); // rounded to float: the log-domain worst case
            loss += lse - l[base + target];
            if (d != null) {
                float[] p = new float[classes];
                for (int c = 0; c < classes; c++) {
                    p[c] = (float) Math.exp(l[base + c] - lse);
                }
                for (int c = 0; c < classes; c++) {
                    d[dOff + r * classes + c] = gradScale * (c == target ? p[c] - 1f : p[c]);
                }
            }
        }
        return (double) loss;
    }

    private static Object softmax(Host h, Object[] a) {
        int rows = (int) a[0];
        int classes = (int) a[1];
        float temperature = (float) a[2];
        float[] l = h.of((Tensor) a[3]);
        int lo = (int) a[4];
        float[] p = h.of((Tensor) a[5]);
        int po = (int) a[6];
        float[] z = new float[classes];
        for (int r = 0; r < rows; r++) {
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z[c] = l[lo + r * classes + c] / temperature;
                max = Math.max(max, z[c]);
            }
            float sum = 0f;
            for (int c = 0; c < classes; c++) {
                sum += (float) Math.exp(z[c] - max);
            }
            float lse = max + (float) Math.log(sum);
            for (int c = 0; c < classes; c++) {
                p[po + r * classes + c] = (float) Math.exp(z[c] - lse);
            }
        }
        return null;
    }

    private static Object lstmForward(Host h, Object[] a) {
        int batch = (int) a[0];
        int hidden = (int) a[1];
        float[] g = h.of((Tensor) a[2]);
        int go = (int) a[3];
        float[] cPrev = h.of((Tensor) a[4]);
        int cpo = (int) a[5];
        float[] c = h.of((Tensor) a[6]);
        int co = (int) a[7];
        float[] hh = h.of((Tensor) a[8]);
        int ho = (int) a[9];
        for (int b = 0; b < batch; b++) {
            int base = go + b * 4 * hidden;
            for (int j = 0; j < hidden; j++) {
                float i = sigmoid(g[base + j]);
                float f = sigmoid(g[base + hidden + j]);
                float gg = tanh(g[base + 2 * hidden + j]);
                float o = sigmoid(g[base + 3 * hidden + j]);
                g[base + j] = i;
                g[base + hidden + j] = f;
                g[base + 2 * hidden + j] = gg;
                g[base + 3 * hidden + j] = o;
                float cv = f * cPrev[cpo + b * hidden + j] + i * gg;
                c[co + b * hidden + j] = cv;
                hh[ho + b * hidden + j] = o * tanh(cv);
            }
        }
        return null;
    }

    private static Object lstmBackward(Host h, Object[] a) {
        int batch = (int) a[0];
        int hidden = (int) a[1];
        float[] g = h.of((Tensor) a[2]);
        int go = (int) a[3];
        float[] cPrev = h.of((Tensor) a[4]);
        int cpo = (int) a[5];
        float[] c = h.of((Tensor) a[6]);
        int co = (int) a[7];
        float[] dh = h.of((Tensor) a[8]);
        int dho = (int) a[9];
        float[] dc = h.of((Tensor) a[10]);
        int dco = (int) a[11];
        float[] dg = h.of((Tensor) a[12]);
        int dgo = (int) a[13];
        float[] dcp = h.of((Tensor) a[14]);
        int dcpo = (int) a[15];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                int s = b * hidden + j;
                int base = go + b * 4 * hidden;
                int dBase = dgo + b * 4 * hidden;
                float i = g[base + j];
                float f = g[base + hidden + j];
                float gg = g[base + 2 * hidden + j];
                float o = g[base + 3 * hidden + j];
                float tc = tanh(c[co + s]);
                float dhv = dh[dho + s];
                float dcv = dc[dco + s] + dhv * o * (1f - tc * tc);
                dg[dBase + j] = dcv * gg * i * (1f - i);
                dg[dBase + hidden + j] = dcv * cPrev[cpo + s] * f * (1f - f);
                dg[dBase + 2 * hidden + j] = dcv * i * (1f - gg * gg);
                dg[dBase + 3 * hidden + j] = dhv * tc * o * (1f - o);
                dcp[dcpo + s] = dcv * f;
            }
        }
        return null;
    }

    private static Object gruForward(Host h, Object[] a) {
        int batch = (int) a[0];
        int hidden = (int) a[1];
        float[] xg = h.of((Tensor) a[2]);
        int xo = (int) a[3];
        float[] hg = h.of((Tensor) a[4]);
        int ho = (int) a[5];
        float[] hp = h.of((Tensor) a[6]);
        int hpo = (int) a[7];
        float[] out = h.of((Tensor) a[8]);
        int oo = (int) a[9];
        for (int b = 0; b < batch; b++) {
            int xb = xo + b * 3 * hidden;
            int hb = ho + b * 3 * hidden;
            for (int j = 0; j < hidden; j++) {
                float r = sigmoid(xg[xb + j] + hg[hb + j]);
                float z = sigmoid(xg[xb + hidden + j] + hg[hb + hidden + j]);
                float n = tanh(xg[xb + 2 * hidden + j] + r * hg[hb + 2 * hidden + j]);
                xg[xb + j] = r;
                xg[xb + hidden + j] = z;
                xg[xb + 2 * hidden + j] = n;
                out[oo + b * hidden + j] = (1f - z) * n + z * hp[hpo + b * hidden + j];
            }
        }
        return null;
    }

    private static Object adam(Host h, Object[] a) {
        float[] p = h.of((Tensor) a[0]);
        float[] g = h.of((Tensor) a[1]);
        float[] m = h.of((Tensor) a[2]);
        float[] v = h.of((Tensor) a[3]);
        int off = (int) a[4];
        int len = (int) a[5];
        float lr = (float) a[6];
        long step = (long) a[7];
        AdamSettings s = (AdamSettings) a[8];
        float bc1 = 1f - (float) Math.pow(s.beta1(), step);
        float bc2Sqrt = (float) Math.sqrt(1f - (float) Math.pow(s.beta2(), step));
        float stepSize = lr / bc1;
        for (int i = off; i < off + len; i++) {
            float d = g[i];
            if (s.decoupled()) {
                p[i] *= 1f - lr * s.weightDecay();
            } else {
                d += s.weightDecay() * p[i];
            }
            m[i] = s.beta1() * m[i] + (1f - s.beta1()) * d;
            v[i] = s.beta2() * v[i] + (1f - s.beta2()) * d * d;
            p[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / bc2Sqrt + s.epsilon());
        }
        return null;
    }

    private static Object rmsprop(Host h, Object[] a) {
        float[] p = h.of((Tensor) a[0]);
        float[] g = h.of((Tensor) a[1]);
        float[] sq = h.of((Tensor) a[2]);
        float[] buf = h.of((Tensor) a[3]);
        int off = (int) a[4];
        int len = (int) a[5];
        float lr = (float) a[6];
        RmspropSettings s = (RmspropSettings) a[7];
        for (int i = off; i < off + len; i++) {
            float d = g[i] + s.weightDecay() * p[i];
            sq[i] = s.alpha() * sq[i] + (1f - s.alpha()) * d * d;
            float avg = (float) Math.sqrt(sq[i]) + s.epsilon();
            if (s.momentum() > 0) {
                buf[i] = s.momentum() * buf[i] + d / avg;
                p[i] -= lr * buf[i];
            } else {
                p[i] -= lr * d / avg;
            }
        }
        return null;
    }
}
