package org.rnn4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.bench.RandomTensors;
import org.rnn4j.core.backend.Backends;

/**
 * The fused per-time-step kernels of LSTM and GRU, forward and backward, alone ({@code
 * lstmForward} ...) and as a whole recurrent step with its GEMM against {@code W_hh}
 * ({@code lstmStep}, {@code gruStep}), at the batch sizes of training (64) and sampling (1).
 * The pointwise kernels are memory- and transcendental-bound; the step shows what share of a
 * time step they take next to the GEMM.
 *
 * <pre>{@code
 * java @simd.jvm.args -jar benchmarks/target/benchmarks.jar RecurrentStepBenchmark \
 *      -p batch=64 -p hidden=512
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xss4m"})
public class RecurrentStepBenchmark {

    /** Sequences per step. */
    @Param({"1", "64"})
    public int batch;

    /** Hidden units. */
    @Param({"256", "512"})
    public int hidden;

    /** Backend name. */
    @Param({"cpu-simd"})
    public String backendName;

    private Backend backend;
    private Tensor lstmGates;
    private Tensor lstmPre;
    private Tensor gruXg;
    private Tensor gruXgPre;
    private Tensor gruHg;
    private Tensor state;
    private Tensor state2;
    private Tensor hOut;
    private Tensor grad;
    private Tensor grad2;
    private Tensor dGates;
    private Tensor dGates2;
    private Tensor wLstm;
    private Tensor wGru;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.discover().select(backendName);
        int h = hidden;
        lstmPre = RandomTensors.uniform(backend, batch * 4 * h, 1, 2);
        lstmGates = RandomTensors.uniform(backend, batch * 4 * h, 1, 2);
        gruXgPre = RandomTensors.uniform(backend, batch * 3 * h, 2, 2);
        gruXg = RandomTensors.uniform(backend, batch * 3 * h, 2, 2);
        gruHg = RandomTensors.uniform(backend, batch * 3 * h, 3, 2);
        state = RandomTensors.uniform(backend, batch * h, 4, 1);
        state2 = RandomTensors.uniform(backend, batch * h, 5, 1);
        hOut = backend.allocate(batch * h);
        grad = RandomTensors.uniform(backend, batch * h, 6, 0.1);
        grad2 = RandomTensors.uniform(backend, batch * h, 7, 0.1);
        dGates = backend.allocate(batch * 4 * h);
        dGates2 = backend.allocate(batch * 3 * h);
        wLstm = RandomTensors.uniform(backend, 4 * h * h, 8, 1 / Math.sqrt(h));
        wGru = RandomTensors.uniform(backend, 3 * h * h, 9, 1 / Math.sqrt(h));
        // Activated gates for the backward kernels, as forward leaves them.
        backend.lstmForward(batch, h, lstmGates, 0, state, 0, state2, 0, hOut, 0);
        backend.gruForward(batch, h, gruXg, 0, gruHg, 0, state, 0, hOut, 0);
    }


    /** LSTM pointwise forward: the gates are re-read from a fixed pre-activation copy each time. */
    @Benchmark
    public void lstmForward() {
        backend.copy(lstmPre, 0, dGates, 0, batch * 4 * hidden);
        backend.lstmForward(batch, hidden, dGates, 0, state, 0, state2, 0, hOut, 0);
    }

    @Benchmark
    public void lstmBackward() {
        backend.lstmBackward(batch, hidden, lstmGates, 0, state, 0, state2, 0, grad, 0, grad2, 0, dGates, 0, hOut, 0);
    }

    /** One whole LSTM time step: {@code gates += h W_hh^T}, then the pointwise kernel. */
    @Benchmark
    public void lstmStep() {
        backend.copy(lstmPre, 0, dGates, 0, batch * 4 * hidden);
        backend.gemm(false, true, batch, 4 * hidden, hidden, 1f, state, 0, hidden, wLstm, 0, hidden, 1f, dGates, 0,
                4 * hidden);
        backend.lstmForward(batch, hidden, dGates, 0, state, 0, state2, 0, hOut, 0);
    }

    @Benchmark
    public void gruForward() {
        backend.copy(gruXgPre, 0, dGates2, 0, batch * 3 * hidden);
        backend.gruForward(batch, hidden, dGates2, 0, gruHg, 0, state, 0, hOut, 0);
    }

    @Benchmark
    public void gruBackward() {
        backend.gruBackward(batch, hidden, gruXg, 0, gruHg, 0, state, 0, grad, 0, dGates, 0, dGates2, 0, hOut, 0);
    }

    /** One whole GRU time step: {@code hg = h W_hh^T}, then the pointwise kernel. */
    @Benchmark
    public void gruStep() {
        backend.copy(gruXgPre, 0, dGates, 0, batch * 3 * hidden);
        backend.gemm(false, true, batch, 3 * hidden, hidden, 1f, state, 0, hidden, wGru, 0, hidden, 0f, dGates2, 0,
                3 * hidden);
        backend.gruForward(batch, hidden, dGates, 0, dGates2, 0, state, 0, hOut, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }
}
