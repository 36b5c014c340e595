package org.rnn4j.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.backend.Backend;

/**
 * Wall time per backend operation: {@link #wrap} puts a timing proxy in front of a backend, so
 * that a training or sampling run reports where its time goes, kernel by kernel and GEMM by shape.
 * It times each call on the calling thread, so a GPU backend's asynchronous launches are not
 * measured by it; for the CPU backends every call returns when its work is done.
 *
 * <p>The proxy costs well under a microsecond per call (reflection, boxing of the arguments):
 * negligible against the milliseconds of a training step's GEMMs and recurrences, but it is a
 * profile, not a speed measurement; the throughput harness measures speed without it.
 *
 * <pre>{@code
 * OperationTimes times = new OperationTimes();
 * Backend timed = times.wrap(backend);
 * TrainingBench.run(timed, spec, corpus, Protocol.STANDARD);
 * times.print(System.out, times.calls("softmaxCrossEntropy"), "step", false);
 * }</pre>
 */
public final class OperationTimes {

    /** Total nanoseconds, calls and floating-point operations of one operation key. */
    private static final class Total {
        long nanos;
        long calls;
        double flops;
    }

    private final Map<String, Total> totals = new LinkedHashMap<>();

    /** A backend that forwards every call to {@code backend} and records its time here. */
    public Backend wrap(Backend backend) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    long start = System.nanoTime();
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        record(method, args, System.nanoTime() - start);
                    }
                });
    }

    /** Forgets everything recorded (after a warm-up run). */
    public void clear() {
        totals.clear();
    }

    /** Calls of {@code operation} so far (for example the loss: one per training step). */
    public long calls(String operation) {
        Total t = totals.get(operation);
        return t == null ? 0 : t.calls;
    }

    private void record(Method method, Object[] args, long nanos) {
        String key = method.getName();
        double flops = 0;
        if (key.equals("gemm")) {
            // gemm(transA, transB, m, n, k, ...)
            int m = (Integer) args[2];
            int n = (Integer) args[3];
            int k = (Integer) args[4];
            key = String.format(Locale.ROOT, "gemm %s%s %dx%dx%d (m x n x k)", (Boolean) args[0] ? "T" : "N",
                    (Boolean) args[1] ? "T" : "N", m, n, k);
            flops = 2.0 * m * n * k;
        }
        Total t = totals.computeIfAbsent(key, x -> new Total());
        t.nanos += nanos;
        t.calls++;
        t.flops += flops;
    }

    /**
     * Prints the operations by total time, per unit of work: {@code per} counts the units (for
     * example the training steps) and {@code unit} names them; times in microseconds per unit
     * when {@code microseconds} (a sampled character), else milliseconds (a training step).
     */
    public void print(java.io.PrintStream out, long per, String unit, boolean microseconds) {
        List<Map.Entry<String, Total>> rows = new ArrayList<>(totals.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue().nanos, a.getValue().nanos));
        long all = rows.stream().mapToLong(e -> e.getValue().nanos).sum();
        String time = (microseconds ? "us/" : "ms/") + unit;
        double scale = microseconds ? 1e3 : 1e6;
        out.printf(Locale.ROOT, "%10s %7s %10s %9s  %s%n", time, "share", "calls/" + unit, "GFLOP/s", "operation");
        for (Map.Entry<String, Total> e : rows) {
            Total t = e.getValue();
            String rate = t.flops > 0 ? String.format(Locale.ROOT, "%9.1f", t.flops / t.nanos) : String.format("%9s", "");
            out.printf(Locale.ROOT, "%10.3f %6.1f%% %10.1f %s  %s%n", t.nanos / scale / per, 100.0 * t.nanos / all,
                    (double) t.calls / per, rate, e.getKey());
        }
        out.printf(Locale.ROOT, "%10.3f %6.1f%% %10s %9s  %s%n", all / scale / per, 100.0, "", "", "all backend calls");
    }
}
