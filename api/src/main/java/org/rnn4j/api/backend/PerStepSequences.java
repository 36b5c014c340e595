package org.rnn4j.api.backend;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.rnn4j.api.kernel.SequenceKernels;

/**
 * A view of a backend whose whole-sequence kernels ({@link SequenceKernels}) are their
 * definitions, the per-step loops of the interface defaults, while every other call goes to the
 * backend itself. It exists to hold a backend's fused sequence kernels against the composition
 * they replace, in a test (same values, bit for bit where the backend promises it) or a
 * benchmark (how much the fusion gains), on the same kernels underneath.
 *
 * <pre>{@code
 * Backend fused = Backends.discover().select("cpu-simd");
 * Backend steps = PerStepSequences.of(fused);
 * steps.lstmSequenceForward(...);   // gemm + lstmForward per step, on cpu-simd's kernels
 * }</pre>
 *
 * <p>Every other call, {@code close()} included, goes to the backend; {@code equals} and
 * {@code hashCode} are the view's own identity.
 */
public final class PerStepSequences {

    private PerStepSequences() {
    }

    /** The view of {@code backend} with per-step sequence kernels. */
    public static Backend of(Backend backend) {
        if (backend == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (isSequenceKernel(method)) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "per-step sequence kernels of " + backend;
                }
            }
            try {
                return method.invoke(backend, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                handler);
    }

    private static boolean isSequenceKernel(Method method) {
        return method.isDefault() && method.getDeclaringClass() == SequenceKernels.class;
    }
}
