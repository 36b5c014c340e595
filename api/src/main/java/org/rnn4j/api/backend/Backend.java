package org.rnn4j.api.backend;

import org.rnn4j.api.kernel.LinearAlgebraKernels;
import org.rnn4j.api.kernel.LossKernels;
import org.rnn4j.api.kernel.MemoryKernels;
import org.rnn4j.api.kernel.OptimizerKernels;
import org.rnn4j.api.kernel.PointwiseKernels;
import org.rnn4j.api.kernel.RecurrentKernels;
import org.rnn4j.api.kernel.SequenceKernels;

/**
 * A compute backend: the device that owns tensors and the coarse kernels that run on them.
 * Cells, layers and optimisers are written once against this interface; nothing per element
 * crosses it.
 *
 * <p>Obtain one through {@code org.rnn4j.core.backend.Backends} (which honours the
 * {@code rnn4j.backend} system property), never by naming an implementation class.
 *
 * <pre>{@code
 * Backend backend = Backends.discover().select();
 * Tensor a = backend.allocate(64, 512);
 * backend.gemm(false, true, 64, 2048, 512, 1f, a, 0, 512, w, 0, 512, 0f, c, 0, 2048);
 * }</pre>
 *
 * <p><b>Argument checking.</b> Every kernel validates its ranges against the tensors it is given
 * and fails with an {@link IllegalArgumentException} naming the argument; a tensor of another
 * backend is refused the same way.
 *
 * <p><b>Threads.</b> A backend instance may be used by one thread at a time; it may run a kernel
 * on several threads internally. Each backend documents its determinism contract: same inputs,
 * same thread count, same bits.
 */
public interface Backend extends MemoryKernels, LinearAlgebraKernels, PointwiseKernels,
        RecurrentKernels, SequenceKernels, LossKernels, OptimizerKernels, AutoCloseable {

    /** The name this backend is selected by, e.g. {@code "cpu-simd"}. */
    String name();

    /** How elements are stored. */
    Precision precision();

    /** Releases device resources (thread pools, contexts). Tensors become unusable. */
    @Override
    default void close() {
    }
}
