package org.rnn4j.tck;

import org.rnn4j.core.backend.Backends;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rnn4j.api.backend.Backend;

/**
 * The contract every rnn4j backend must pass: each kernel of {@link Backend} is run on the
 * backend under test and on the float64 oracle ({@code reference-f64}) with identical float
 * inputs, and the results must agree within {@link Tolerances#DEFAULT}.
 *
 * <p><b>Running it.</b> A backend module extends this class in its tests and says which backend
 * to test; everything else (about 2,000 checks, a few seconds) is inherited:
 *
 * <pre>{@code
 * class CpuSimdContractTest extends BackendContract {
 *     protected Backend backend() {
 *         return new CpuSimdProvider().create();   // or Backends.discover().select("cpu-simd")
 *     }
 * }
 * }</pre>
 *
 * <p>The backend is created once per test class, on first use, and closed after all its tests.
 * A backend that cannot run on this machine (no GPU) skips the whole kit by aborting in
 * {@link #backend()}, e.g. with {@code Assumptions.assumeTrue(probe.isAvailable(), probe.reason())};
 * to run the kit several times (once per vector width), write one subclass per configuration.
 *
 * <p><b>What it checks.</b> One nested group per kernel family: memory, linear algebra,
 * point-wise, recurrent, losses, optimisers, and the error contract. Sizes are awkward on
 * purpose: element-wise ranges of 1, 3, 17, 63, 64, 65 and 1000; GEMM with every size of
 * {1, 3, 17, 63, 64, 65} as m, n and k, all four transposes, padded leading dimensions, nonzero
 * offsets and {@code (alpha, beta)} of (1, 0) over a C full of NaN, (0.5, 1) and (-1, 0.25);
 * recurrent kernels at batch 1, 3, 17 and hidden 1, 3, 17, 64, 65 at offsets into larger
 * tensors; every in-place use the Javadoc allows; losses with ignored rows and masks; every
 * optimiser variant over five consecutive steps. Elements outside the written range must stay
 * as they were. Inputs are deterministic: each test seeds its own {@link java.util.SplittableRandom}
 * from its name.
 *
 * <p><b>Tolerances</b> (see {@link Tolerances} for the reasoning):
 * <ul>
 *   <li>exact for copies, fills, uploads, downloads, gathers, clamp, relu and identity, and
 *       scatter-add without repeated rows; bit-exact for dropout masks, which every backend
 *       derives from {@link org.rnn4j.api.kernel.CounterRandom};</li>
 *   <li>{@code 1e-6 + 1e-5 |ref|} per element for arithmetic kernels (axpby, multiply,
 *       derivatives, GRU/Elman/Jordan backward, squared-error gradient); for optimiser steps
 *       {@code 1e-6 + 1e-5 (|ref| + |ref before the step|)};</li>
 *   <li>{@code 2e-6 + 2e-5 |ref|} per element where tanh, sigmoid or exp is evaluated; for a
 *       probability {@code p} of softmax or of the cross-entropy gradient
 *       {@code gradScale (p - onehot)}: {@code |gradScale| (2e-6 + (2e-5 + 2 2^-24 max|l_row| / T) p)};</li>
 *   <li>{@code (1e-5 + n 2^-24) * sum|terms|} for reductions of {@code n} terms (sumOfSquares,
 *       sumRows, the two losses);</li>
 *   <li>GEMM: {@code 8 k 2^-24 (|alpha| (|A||B|)_ij + |beta| |C_ij|) + 1e-7}.</li>
 * </ul>
 * A backend may promise tighter bounds by overriding {@link #tolerances()}; looser ones fail.
 *
 * <p><b>Errors.</b> A tensor of another backend, a range that does not fit, a target class
 * {@code >= classes}, a dropout probability outside [0, 1), a temperature {@code <= 0} and an
 * Adam step below 1 must each be refused with an {@link IllegalArgumentException}; for tensors
 * and ranges its message names the argument as the kernel's Javadoc does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendContract {

    private Bench bench;
    private RuntimeException creationFailure;

    /**
     * The backend under test. Called once per test class; the kit closes it after the last test.
     * Abort (JUnit assumptions) here to skip the kit where the backend cannot run.
     */
    protected abstract Backend backend();

    /**
     * The bounds this backend promises: {@link Tolerances#DEFAULT} unless it states tighter ones.
     */
    protected Tolerances tolerances() {
        return Tolerances.DEFAULT;
    }

    /** The backend under test beside the oracle, created on first use. */
    final Bench bench() {
        if (creationFailure != null) {
            throw creationFailure; // e.g. an aborted assumption: skip every test the same way
        }
        if (bench == null) {
            try {
                Backend underTest = backend();
                if (underTest == null) {
                    throw new IllegalStateException(getClass().getName() + ".backend() returned null");
                }
                bench = new Bench(underTest, Backends.discover().select("reference-f64"), tolerances());
            } catch (RuntimeException e) {
                creationFailure = e;
                throw e;
            }
        }
        return bench;
    }

    /** Closes the backend under test and the oracle. */
    @AfterAll
    final void closeBackends() {
        if (bench != null) {
            bench.close();
            bench = null;
        }
    }

    @Test
    @DisplayName("the backend states no tolerance looser than the kit's")
    final void statedTolerancesAreNoLooserThanTheKits() {
        assertThat(tolerances().isNoLooserThan(Tolerances.DEFAULT))
                .as("tolerances() = %s must not exceed the contract's %s", tolerances(), Tolerances.DEFAULT)
                .isTrue();
    }

    @Test
    @DisplayName("the backend has a name and is not the oracle")
    final void backendIsNamed() {
        Bench b = bench();
        assertThat(b.backend().name()).as("name()").isNotBlank();
        assertThat(b.backend()).as("backend under test").isNotSameAs(b.oracle());
    }

    @Nested
    @DisplayName("MemoryKernels")
    class Memory extends MemoryChecks {
        Memory() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("LinearAlgebraKernels")
    class LinearAlgebra extends LinearAlgebraChecks {
        LinearAlgebra() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("PointwiseKernels")
    class Pointwise extends PointwiseChecks {
        Pointwise() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("RecurrentKernels")
    class Recurrent extends RecurrentChecks {
        Recurrent() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("SequenceKernels")
    class Sequence extends SequenceChecks {
        Sequence() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("LossKernels")
    class Losses extends LossChecks {
        Losses() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("OptimizerKernels")
    class Optimizers extends OptimizerChecks {
        Optimizers() {
            super(BackendContract.this.bench());
        }
    }

    @Nested
    @DisplayName("error contract")
    class Errors extends ErrorChecks {
        Errors() {
            super(BackendContract.this.bench());
        }
    }
}
