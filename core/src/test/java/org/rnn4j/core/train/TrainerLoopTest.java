package org.rnn4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;

/** The trainer's loop logic against a scripted target: budgets, evaluation, early stopping, listeners. */
class TrainerLoopTest {

    private final Backend backend = Backends.discover().select("reference");

    /** A target whose validation losses follow a script; training "loss" is 1 per batch. */
    private class Scripted implements TrainingTarget<int[]> {
        final Parameters params = Parameters.allocate(backend, List.of(new NamedParameter("w",
                new ParameterSpec("w", Shape.of(3), Initializer.constant(1f)))));
        final double[] validation;
        int evaluations;
        int resets;

        Scripted(double... validation) {
            this.validation = validation;
            params.initialize(0);
        }

        @Override
        public Parameters parameters() {
            return params;
        }

        @Override
        public LossValue computeGradients(int[] batch) {
            backend.upload(new float[] {0.1f, 0.1f, 0.1f}, 0, params.gradients(), 0, 3);
            return new LossValue(batch[0], 1);
        }

        @Override
        public LossValue evaluate(int[] batch) {
            return new LossValue(validation[Math.min(evaluations++, validation.length - 1)], 1);
        }

        @Override
        public void resetState() {
            resets++;
        }
    }

    /** {@code n} batches per epoch; each batch holds its loss. */
    private static BatchSource<int[]> batches(int n, int loss) {
        return new BatchSource<>() {
            int position;

            @Override
            public int[] newBatch() {
                return new int[1];
            }

            @Override
            public boolean next(int[] b) {
                if (position >= n) {
                    return false;
                }
                b[0] = loss;
                position++;
                return true;
            }

            @Override
            public void rewind() {
                position = 0;
            }

            @Override
            public long batchesPerEpoch() {
                return n;
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void seek(long p) {
                position = (int) p;
            }
        };
    }

    @Test
    void stopsEarlyWhenValidationStopsImprovingAndReportsEveryEvent() {
        Scripted target = new Scripted(3.0, 2.0, 2.5, 2.4, 2.2, 1.0);
        List<String> events = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                events.add("step " + r.step());
            }

            @Override
            public void onEvaluation(EvaluationReport r) {
                events.add("eval " + r.validationLoss() + (r.best() ? " best" : ""));
            }
        };
        TrainingResult result = Trainer.builder(Optimizers.discover().create("sgd", Map.of()))
                .maxEpochs(100).evaluateEvery(2).earlyStopping(3, 0.0).build()
                .fit(target, batches(5, 1), batches(1, 0), listener);
        assertThat(result.stopReason()).isEqualTo(StopReason.EARLY_STOPPING);
        assertThat(result.steps()).isEqualTo(10);
        assertThat(result.bestValidationLoss()).isEqualTo(2.0);
        assertThat(events).containsSubsequence("step 1", "step 2", "eval 3.0 best", "eval 2.0 best", "eval 2.5",
                "eval 2.4", "eval 2.2");
        assertThat(events).doesNotContain("eval 1.0 best");
    }

    @Test
    void aResumedRunAsksItsSourceForTheEpochItStoppedIn() {
        List<String> calls = new ArrayList<>();
        BatchSource<int[]> inner = batches(4, 1);
        BatchSource<int[]> source = new BatchSource<>() {
            @Override
            public int[] newBatch() {
                return inner.newBatch();
            }

            @Override
            public boolean next(int[] b) {
                return inner.next(b);
            }

            @Override
            public void rewind() {
                calls.add("rewind");
                inner.rewind();
            }

            @Override
            public long batchesPerEpoch() {
                return 4;
            }

            @Override
            public long position() {
                return inner.position();
            }

            @Override
            public void seek(long p) {
                calls.add("seek " + p);
                inner.seek(p);
            }

            @Override
            public void startEpoch(long e) {
                calls.add("epoch " + e);
                inner.seek(0);
            }
        };
        Scripted first = new Scripted(1.0);
        Trainer stopped = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxSteps(6).build();
        stopped.fit(first, source, null);
        assertThat(stopped.state().epoch()).isEqualTo(1);
        assertThat(stopped.state().dataPosition()).isEqualTo(2);
        calls.clear();
        Trainer resumed = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxEpochs(3).build();
        resumed.resume(stopped.optimizer().state(), stopped.state());
        TrainingResult r = resumed.fit(new Scripted(1.0), source, null);
        assertThat(calls).startsWith("epoch 1", "seek 2");
        assertThat(r.steps()).isEqualTo(12);
    }

    @Test
    void budgetsOfStepsEpochsAndRequestsEndTheRun() {
        Trainer byEpochs = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxEpochs(3).build();
        Scripted a = new Scripted(1.0);
        TrainingResult epochs = byEpochs.fit(a, batches(4, 1), null);
        assertThat(epochs.stopReason()).isEqualTo(StopReason.MAX_EPOCHS);
        assertThat(epochs.steps()).isEqualTo(12);
        assertThat(epochs.epochs()).isEqualTo(3);
        assertThat(a.resets).as("state reset at the start and at every epoch end").isEqualTo(4);

        TrainingResult steps = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxSteps(7).build()
                .fit(new Scripted(1.0), batches(4, 1), null);
        assertThat(steps.stopReason()).isEqualTo(StopReason.MAX_STEPS);
        assertThat(steps.steps()).isEqualTo(7);

        TrainingResult asked = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxSteps(100).build()
                .fit(new Scripted(1.0), batches(4, 1), null, new TrainingListener() {
                    @Override
                    public boolean stopRequested() {
                        return true;
                    }
                });
        assertThat(asked.stopReason()).isEqualTo(StopReason.REQUESTED);
        assertThat(asked.steps()).isEqualTo(1);

        TrainingResult timed = Trainer.builder(Optimizers.discover().create("sgd", Map.of()))
                .maxTime(java.time.Duration.ofNanos(1)).build().fit(new Scripted(1.0), batches(4, 1), null);
        assertThat(timed.stopReason()).isEqualTo(StopReason.TIME_LIMIT);
    }

    @Test
    void aNonFiniteLossIsRefusedBeforeTheUpdate() {
        Scripted target = new Scripted(1.0) {
            @Override
            public LossValue computeGradients(int[] batch) {
                return new LossValue(Double.NaN, 1);
            }
        };
        Trainer trainer = Trainer.builder(Optimizers.discover().create("sgd", Map.of())).maxSteps(5).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trainer.fit(target, batches(2, 1), null))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("the training loss became NaN at step 1");
        assertThat(target.params.read("w")).containsExactly(1f, 1f, 1f);
    }
}
