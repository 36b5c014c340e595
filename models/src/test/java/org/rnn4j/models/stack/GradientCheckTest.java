package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.param.NamedParameter;

/**
 * Finite-difference gradient checks in float64 for every cell, alone and as a 2-layer stack:
 * every parameter element, every input element and every initial state element. The loss is
 * {@code sum(outputs * W) + sum_k,i sum(final_k,i * V_k,i)} with random weights, so every output
 * and every final state carries a different gradient.
 */
class GradientCheckTest {

    private static final int STEPS = 4;
    private static final int BATCH = 2;
    private static final int INPUT = 3;
    private static final double EPS = 1e-6;
    private static final double TOLERANCE = 1e-7;

    private static Backend f64;

    @BeforeAll
    static void oracle() {
        f64 = Backends.discover().select("reference-f64");
        assertThat(f64.precision()).isEqualTo(Precision.FLOAT64);
    }

    @AfterAll
    static void close() {
        f64.close();
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("elman tanh", RecurrentStack.builder(INPUT).elman(4).build()),
                Arguments.of("elman relu", RecurrentStack.builder(INPUT).elman(4, Activation.RELU).build()),
                Arguments.of("jordan identity", RecurrentStack.builder(INPUT).jordan(4, 3).build()),
                Arguments.of("jordan tanh", RecurrentStack.builder(INPUT).jordan(4, 3, Activation.TANH).build()),
                Arguments.of("lstm", RecurrentStack.builder(INPUT).lstm(4).build()),
                Arguments.of("gru", RecurrentStack.builder(INPUT).gru(4).build()),
                Arguments.of("2 x elman tanh", RecurrentStack.builder(INPUT).elman(4).elman(3).build()),
                Arguments.of("2 x elman relu",
                        RecurrentStack.builder(INPUT).elman(4, Activation.RELU).elman(3, Activation.RELU).build()),
                Arguments.of("2 x jordan", RecurrentStack.builder(INPUT).jordan(4, 3).jordan(3, 2, Activation.TANH).build()),
                Arguments.of("2 x lstm", RecurrentStack.builder(INPUT).lstm(4).lstm(3).build()),
                Arguments.of("2 x gru", RecurrentStack.builder(INPUT).gru(4).gru(3).build()),
                Arguments.of("lstm over gru", RecurrentStack.builder(INPUT).gru(4).lstm(3).build()),
                Arguments.of("user-defined residual cell over lstm",
                        RecurrentStack.builder(INPUT).lstm(4).layer(new ResidualTanhCell(4, 4)).build()),
                Arguments.of("bidirectional lstm", RecurrentStack.builder(INPUT).biLstm(3).build()),
                Arguments.of("bidirectional gru over bidirectional elman", RecurrentStack.builder(INPUT)
                        .layer(new org.rnn4j.models.cell.BidirectionalCell(
                                org.rnn4j.models.cell.Cells.elman(INPUT, 3))).biGru(2).build()),
                Arguments.of("variable lengths: bidirectional lstm over gru",
                        RecurrentStack.builder(INPUT).gru(4).biLstm(3).build()),
                Arguments.of("variable lengths: bidirectional jordan", RecurrentStack.builder(INPUT)
                        .layer(new org.rnn4j.models.cell.BidirectionalCell(
                                org.rnn4j.models.cell.Cells.jordan(INPUT, 4, 2))).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void analyticGradientsMatchCentralDifferences(String name, RecurrentStack stack) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        try (RecurrentNetwork net = stack.instantiate(f64, 7);
             StackRunner run = net.bind(STEPS, BATCH);
             Tensor x = f64.allocate(STEPS, BATCH, INPUT);
             Tensor dx = f64.allocate(STEPS, BATCH, INPUT)) {
            if (name.startsWith("variable lengths")) {
                run.sequenceLengths(new int[] {STEPS, 2});
            }
            double[] xs = gaussian(random, STEPS * BATCH * INPUT);
            f64.upload(xs, 0, x, 0, xs.length);
            List<double[]> initial = new ArrayList<>();
            List<double[]> finalWeights = new ArrayList<>();
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                for (int i = 0; i < layer.cell().states().size(); i++) {
                    double[] s0 = scaled(gaussian(random, layer.initialState(i).size()), 0.5);
                    f64.upload(s0, 0, layer.initialState(i), 0, s0.length);
                    initial.add(s0);
                    finalWeights.add(gaussian(random, layer.finalState(i).size()));
                }
            }
            double[] outWeights = gaussian(random, STEPS * BATCH * stack.outputSize());
            Loss loss = new Loss(run, x, outWeights, finalWeights);

            // Analytic gradients.
            net.parameters().zeroGradients();
            loss.value();
            f64.upload(outWeights, 0, run.outputGradients(), 0, outWeights.length);
            int w = 0;
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                for (int i = 0; i < layer.cell().states().size(); i++) {
                    double[] v = finalWeights.get(w++);
                    f64.upload(v, 0, layer.finalStateGradient(i), 0, v.length);
                }
            }
            run.backward(dx, 0);

            // Parameters.
            Tensor params = net.parameters().values();
            double[] analytic = download(net.parameters().gradients());
            checkAll("parameters of " + name, params, analytic, loss, net.parameters().parameters());
            // Input.
            checkAll("input of " + name, x, download(dx), loss, null);
            // Initial states.
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                for (int i = 0; i < layer.cell().states().size(); i++) {
                    checkAll("initial state " + layer.cell().states().get(i).name() + " of layer " + k + " of " + name,
                            layer.initialState(i), download(layer.initialStateGradient(i)), loss, null);
                }
            }
        }
    }

    private static void checkAll(String what, Tensor target, double[] analytic, Loss loss,
                                 List<NamedParameter> names) {
        double[] values = download(target);
        assertThat(analytic).as("gradient size of %s", what).hasSize(values.length);
        double maxAbs = 0;
        for (double a : analytic) {
            maxAbs = Math.max(maxAbs, Math.abs(a));
        }
        assertThat(maxAbs).as("some gradient of %s is non-zero", what).isGreaterThan(1e-3);
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + EPS;
            f64.upload(values, i, target, i, 1);
            double plus = loss.value();
            values[i] = saved - EPS;
            f64.upload(values, i, target, i, 1);
            double minus = loss.value();
            values[i] = saved;
            f64.upload(values, i, target, i, 1);
            double numeric = (plus - minus) / (2 * EPS);
            double scale = Math.max(1, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
            assertThat(Math.abs(numeric - analytic[i]))
                    .as("%s, element %d%s: analytic %s vs numeric %s", what, i, locate(names, i), analytic[i], numeric)
                    .isLessThanOrEqualTo(TOLERANCE * scale);
        }
    }

    private static String locate(List<NamedParameter> names, int index) {
        if (names == null) {
            return "";
        }
        int offset = 0;
        for (NamedParameter p : names) {
            int size = p.spec().shape().size();
            if (index < offset + size) {
                return " (" + p.name() + "[" + (index - offset) + "])";
            }
            offset += size;
        }
        return "";
    }

    private static double[] download(Tensor t) {
        double[] host = new double[t.size()];
        f64.download(t, 0, host, 0, host.length);
        return host;
    }

    private static double[] gaussian(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller; the inputs of a gradient check need no better generator.
            double u1 = 1 - random.nextDouble();
            v[i] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return v;
    }

    private static double[] scaled(double[] v, double s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    /** The scalar loss of one forward pass, evaluated on the host in double. */
    private static final class Loss {
        private final StackRunner run;
        private final Tensor x;
        private final double[] outWeights;
        private final List<double[]> finalWeights;

        Loss(StackRunner run, Tensor x, double[] outWeights, List<double[]> finalWeights) {
            this.run = run;
            this.x = x;
            this.outWeights = outWeights;
            this.finalWeights = finalWeights;
        }

        double value() {
            run.forward(x, 0, STEPS);
            double sum = dot(download(run.outputs()), outWeights);
            int w = 0;
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                for (int i = 0; i < layer.cell().states().size(); i++) {
                    sum += dot(download(layer.finalState(i)), finalWeights.get(w++));
                }
            }
            return sum;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < b.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }
    }
}
