package org.rnn4j.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.PerStepSequences;
import org.rnn4j.api.tensor.Tensor;

/** The per-step view runs a sequence kernel as its definition, on the viewed backend's kernels. */
class PerStepSequencesTest {

    /** The backend with every call it receives recorded by name. */
    private static Backend recording(Backend target, List<String> calls) {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aSequenceKernelBecomesOneProductAndOneStepKernelPerStep() {
        List<String> calls = new ArrayList<>();
        try (Backend reference = new ReferenceProvider().create()) {
            Backend view = PerStepSequences.of(recording(reference, calls));
            int steps = 3;
            int batch = 2;
            int hidden = 4;
            Tensor wHh = reference.allocate(4 * hidden * hidden);
            Tensor h0 = reference.allocate(batch * hidden);
            Tensor c0 = reference.allocate(batch * hidden);
            Tensor gates = reference.allocate(steps * batch * 4 * hidden);
            Tensor c = reference.allocate(steps * batch * hidden);
            Tensor h = reference.allocate(steps * batch * hidden);
            calls.clear();

            view.lstmSequenceForward(steps, batch, hidden, wHh, 0, h0, 0, c0, 0, gates, 0, c, 0, h, 0);

            assertThat(calls).containsExactly("gemm", "lstmForward", "gemm", "lstmForward", "gemm", "lstmForward");
            assertThat(view.name()).isEqualTo(reference.name());
        }
    }

    @Test
    void everySequenceKernelReachesTheViewAsTheInterfaceDefault() {
        // The view recognises a sequence kernel by its declaring interface: were Backend to
        // redeclare one, the view would silently run the backend's fused kernel instead.
        int defaults = 0;
        for (java.lang.reflect.Method m : org.rnn4j.api.kernel.SequenceKernels.class.getDeclaredMethods()) {
            if (m.isDefault()) {
                defaults++;
                java.lang.reflect.Method seen = methodOf(Backend.class, m);
                assertThat(seen.getDeclaringClass()).as(m.getName()).isEqualTo(org.rnn4j.api.kernel.SequenceKernels.class);
            }
        }
        assertThat(defaults).isEqualTo(7);
    }

    private static java.lang.reflect.Method methodOf(Class<?> type, java.lang.reflect.Method m) {
        try {
            return type.getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theViewIsItselfUnderEqualsAndSaysWhatItIs() {
        try (Backend reference = new ReferenceProvider().create()) {
            Backend view = PerStepSequences.of(reference);
            assertThat(view).isEqualTo(view).isNotEqualTo(reference).isNotEqualTo(PerStepSequences.of(reference));
            assertThat(view.hashCode()).isEqualTo(view.hashCode());
            assertThat(view.toString()).startsWith("per-step sequence kernels of ").contains(reference.toString());
        }
    }

    @Test
    void argumentErrorsAreTheBackendsOwn() {
        try (Backend reference = new ReferenceProvider().create()) {
            Backend view = PerStepSequences.of(reference);
            assertThatThrownBy(() -> view.allocate(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PerStepSequences.of(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("backend");
        }
    }
}
