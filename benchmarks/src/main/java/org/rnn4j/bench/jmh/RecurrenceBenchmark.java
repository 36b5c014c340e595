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
import org.rnn4j.api.backend.PerStepSequences;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.bench.RandomTensors;
import org.rnn4j.core.backend.Backends;

/**
 * A layer's whole recurrence, forward and backward ({@code SequenceKernels}), at the training
 * shape of the throughput harness (batch 64, 100 steps), run two ways on the same backend:
 * {@code sequence}, the backend's own implementation (on cpu-simd one pinned job with a barrier
 * per step), and {@code steps}, the interface's default loop of per-step kernels (a GEMM and a
 * pointwise kernel per step, each its own parallel dispatch). The ratio is what handing the loop
 * to the backend buys.
 *
 * <p>Each call reuses the outputs of the previous one as its inputs (the activations stay in
 * their ranges and the kernels have no value-dependent branches), so no copy is timed.
 *
 * <pre>{@code
 * ./benchmarks/run-jmh.sh RecurrenceBenchmark -p cell=lstm -p hidden=256
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xss4m"})
public class RecurrenceBenchmark {

    /** Cell: lstm, gru or elman (tanh). */
    @Param({"lstm", "gru", "elman"})
    public String cell;

    /** Hidden units. */
    @Param({"256", "512"})
    public int hidden;

    /** {@code sequence}: the backend's implementation; {@code steps}: the per-step default loop. */
    @Param({"sequence", "steps"})
    public String path;

    /** Backend name. */
    @Param({"cpu-simd"})
    public String backendName;

    private static final int BATCH = 64;
    private static final int STEPS = 100;

    private Backend owner;
    private Backend backend;
    private int gates;
    private Tensor wHh;
    private Tensor h0;
    private Tensor c0;
    private Tensor pre;
    private Tensor hiddenPre;
    private Tensor cells;
    private Tensor outputs;
    private Tensor dOut;
    private Tensor dh;
    private Tensor dc;
    private Tensor dPre;
    private Tensor dHidden;

    @Setup(Level.Trial)
    public void setUp() {
        owner = Backends.discover().select(backendName);
        backend = path.equals("steps") ? PerStepSequences.of(owner) : owner;
        gates = cell.equals("lstm") ? 4 : cell.equals("gru") ? 3 : 1;
        int bh = BATCH * hidden;
        int n = STEPS * bh;
        wHh = RandomTensors.uniform(owner, gates * hidden * hidden, 1, 1 / Math.sqrt(hidden));
        h0 = RandomTensors.uniform(owner, bh, 2, 1);
        c0 = RandomTensors.uniform(owner, bh, 3, 1);
        pre = RandomTensors.uniform(owner, gates * n, 4, 2);
        hiddenPre = RandomTensors.uniform(owner, gates * n, 5, 0.5);
        cells = RandomTensors.uniform(owner, n, 6, 1);
        outputs = RandomTensors.uniform(owner, n, 7, 1);
        dOut = RandomTensors.uniform(owner, n, 8, 0.01);
        dh = RandomTensors.uniform(owner, bh, 9, 0.01);
        dc = RandomTensors.uniform(owner, bh, 10, 0.01);
        dPre = owner.allocate(gates * n);
        dHidden = owner.allocate(gates * n);
        forward(); // activations in place, as backward expects them
    }

    @Benchmark
    public void forward() {
        switch (cell) {
            case "lstm":
                backend.lstmSequenceForward(STEPS, BATCH, hidden, wHh, 0, h0, 0, c0, 0, pre, 0, cells, 0, outputs, 0);
                break;
            case "gru":
                backend.gruSequenceForward(STEPS, BATCH, hidden, wHh, 0, h0, 0, pre, 0, hiddenPre, 0, outputs, 0);
                break;
            default:
                backend.elmanSequenceForward(Activation.TANH, STEPS, BATCH, hidden, wHh, 0, h0, 0, outputs, 0);
        }
    }

    @Benchmark
    public void backward() {
        switch (cell) {
            case "lstm":
                backend.lstmSequenceBackward(STEPS, BATCH, hidden, wHh, 0, c0, 0, pre, 0, cells, 0, dOut, 0, dh, 0,
                        dc, 0, dPre, 0);
                break;
            case "gru":
                backend.gruSequenceBackward(STEPS, BATCH, hidden, wHh, 0, h0, 0, pre, 0, hiddenPre, 0, outputs, 0,
                        dOut, 0, dh, 0, dPre, 0, dHidden, 0);
                break;
            default:
                backend.elmanSequenceBackward(Activation.TANH, STEPS, BATCH, hidden, wHh, 0, outputs, 0, dOut, 0, dh, 0,
                        dPre, 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        owner.close();
    }
}
