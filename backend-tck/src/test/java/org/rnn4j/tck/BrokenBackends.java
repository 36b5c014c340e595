package org.rnn4j.tck;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * Deliberately broken backends: the reference backend with one kernel corrupted the way a real
 * port could get it wrong. The kit must catch each, and only in that kernel's checks.
 */
final class BrokenBackends {

    private BrokenBackends() {
    }

    /** The replacement of one kernel; {@code real} is the intact backend. */
    @FunctionalInterface
    interface Corruption {
        Object invoke(Backend real, Object[] args);
    }

    /** {@code real} with the kernel called {@code kernel} (every overload) replaced. */
    static Backend corrupt(Backend real, String kernel, Corruption corruption) {
        return (Backend) Proxy.newProxyInstance(BrokenBackends.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> method.getName().equals(kernel)
                        ? corruption.invoke(real, args)
                        : forward(real, method, args));
    }

    private static Object forward(Backend real, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // a refusal must arrive as the IllegalArgumentException it is
        }
    }

    /** GEMM adds 1e-3 to every element of C it writes: an accumulator not reset, say. */
    static Backend gemmOffByAThousandth(Backend real) {
        return corrupt(real, "gemm", (b, a) -> {
            b.gemm((boolean) a[0], (boolean) a[1], (int) a[2], (int) a[3], (int) a[4], (float) a[5],
                    (Tensor) a[6], (int) a[7], (int) a[8], (Tensor) a[9], (int) a[10], (int) a[11],
                    (float) a[12], (Tensor) a[13], (int) a[14], (int) a[15]);
            int m = (int) a[2];
            int n = (int) a[3];
            Tensor c = (Tensor) a[13];
            float[] row = new float[n];
            for (int i = 0; i < m; i++) {
                int at = (int) a[14] + i * (int) a[15];
                b.download(c, at, row, 0, n);
                for (int j = 0; j < n; j++) {
                    row[j] += 1e-3f;
                }
                b.upload(row, 0, c, at, n);
            }
            return null;
        });
    }

    /** The GRU step reads the z gate where it should read r and the other way round. */
    static Backend gruGatesSwapped(Backend real) {
        return corrupt(real, "gruForward", (b, a) -> {
            int batch = (int) a[0];
            int hidden = (int) a[1];
            Tensor xg = (Tensor) a[2];
            Tensor hg = (Tensor) a[4];
            swapRz(b, batch, hidden, xg, (int) a[3]);
            swapRz(b, batch, hidden, hg, (int) a[5]);
            b.gruForward(batch, hidden, xg, (int) a[3], hg, (int) a[5], (Tensor) a[6], (int) a[7],
                    (Tensor) a[8], (int) a[9]);
            // Put the activations and hg back in their places: only n and h show the mistake.
            swapRz(b, batch, hidden, xg, (int) a[3]);
            swapRz(b, batch, hidden, hg, (int) a[5]);
            return null;
        });
    }

    private static void swapRz(Backend b, int batch, int hidden, Tensor t, int offset) {
        float[] rz = new float[2 * hidden];
        for (int r = 0; r < batch; r++) {
            int at = offset + r * 3 * hidden;
            b.download(t, at, rz, 0, 2 * hidden);
            b.upload(rz, hidden, t, at, hidden);
            b.upload(rz, 0, t, at + hidden, hidden);
        }
    }

    /** Dropout masks one position late in the counter stream: the same statistics, other bits. */
    static Backend dropoutCounterShifted(Backend real) {
        return corrupt(real, "dropoutMask", (b, a) -> {
            b.dropoutMask((int) a[0], (float) a[1], (long) a[2], (long) a[3] + 1, (Tensor) a[4], (int) a[5]);
            return null;
        });
    }
}
