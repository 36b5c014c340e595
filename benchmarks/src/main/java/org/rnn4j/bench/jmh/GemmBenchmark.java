package org.rnn4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.rnn4j.bench.GemmShape;
import org.rnn4j.bench.RandomTensors;
import org.rnn4j.core.backend.Backends;

/**
 * {@code C = op(A) op(B)} on the selected backend at the shapes and layouts, in products
 * per second. The secondary result {@code gemm:flop} is floating-point operations per second:
 * divide by 1e9 for GFLOP/s (the harness prints the ratio to the FMA peak; JMH cannot).
 *
 * <pre>{@code
 * java @simd.jvm.args -jar benchmarks/target/benchmarks.jar GemmBenchmark \
 *      -p shape=2048x2048x2048 -p layout=NN
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xss4m"})
public class GemmBenchmark {

    /** {@code M x K x N}. */
    @Param({"64x512x2048", "6400x65x1024", "6400x256x1024", "2048x2048x2048"})
    public String shape;

    /** NN, NT or TN. */
    @Param({"NN", "NT", "TN"})
    public String layout;

    /** Backend name, as for {@code -Drnn4j.backend}. */
    @Param({"cpu-simd"})
    public String backendName;

    private Backend backend;
    private GemmShape s;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    /** Counts floating-point operations, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Floating-point operations done. */
        public long flop;
    }

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.discover().select(backendName);
        s = GemmShape.parse(shape, layout);
        a = RandomTensors.uniform(backend, s.m() * s.k(), 1, 1);
        b = RandomTensors.uniform(backend, s.k() * s.n(), 2, 1);
        c = backend.allocate(s.m() * s.n());
    }


    @Benchmark
    public void gemm(Flops flops) {
        backend.gemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, 0, s.lda(), b, 0, s.ldb(), 0f, c, 0, s.n());
        flops.flop += (long) s.flops();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a.close();
        b.close();
        c.close();
        backend.close();
    }
}
