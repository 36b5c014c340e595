package org.rnn4j.bench.jmh;

import java.util.SplittableRandom;
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
import org.rnn4j.core.backend.Backends;

/**
 * Fused softmax cross-entropy with its gradient over a training batch's logits: 6400 rows
 * (64 sequences x 100 steps) or 2048 (32 x 64, the seed model), 65 or 84 classes.
 *
 * <pre>{@code
 * java @simd.jvm.args -jar benchmarks/target/benchmarks.jar SoftmaxCrossEntropy
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xss4m"})
public class SoftmaxCrossEntropyBenchmark {

    /** Rows of logits. */
    @Param({"2048", "6400"})
    public int rows;

    /** Classes per row. */
    @Param({"65", "84"})
    public int classes;

    /** Backend name. */
    @Param({"cpu-simd"})
    public String backendName;

    private Backend backend;
    private Tensor logits;
    private Tensor dLogits;
    private int[] targets;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backends.discover().select(backendName);
        SplittableRandom r = new SplittableRandom(1);
        float[] host = new float[rows * classes];
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) r.nextDouble(-4, 4);
        }
        logits = backend.allocate(rows * classes);
        dLogits = backend.allocate(rows * classes);
        backend.upload(host, 0, logits, 0, host.length);
        targets = new int[rows];
        for (int i = 0; i < rows; i++) {
            targets[i] = r.nextInt(classes);
        }
    }

    /** Loss and gradient, as in training. */
    @Benchmark
    public double lossAndGradient() {
        return backend.softmaxCrossEntropy(rows, classes, logits, 0, targets, 0, 1f / rows, dLogits, 0);
    }

    /** Loss only, as in evaluation. */
    @Benchmark
    public double lossOnly() {
        return backend.softmaxCrossEntropy(rows, classes, logits, 0, targets, 0, 1f / rows, null, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        logits.close();
        dLogits.close();
        backend.close();
    }
}
