package org.rnn4j.core.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.core.param.Parameters;

/**
 * The training loop: for each batch, zero the gradients, compute them (full BPTT over the batch's
 * steps; the target may carry state between consecutive batches for truncated BPTT), refuse
 * NaN, clip, and take one optimiser step at the scheduled learning rate; evaluate on validation
 * data, stop early, and report to listeners.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(new Adam(adamSettings))
 *         .schedule(LearningRateSchedule.constant(2e-3))
 *         .clipping(GradientClipping.byNorm(5))
 *         .maxEpochs(50)
 *         .build();
 * TrainingResult result = trainer.fit(model, trainBatches, validationBatches);
 * }</pre>
 *
 * <p>A trainer is not thread-safe and runs one fit at a time. Its configuration is fixed by the
 * builder; its progress ({@link #state()}) and the optimiser's can be saved and restored with
 * {@link #resume(OptimizerState, TrainerState)} for a bit-identical continuation.
 */
public final class Trainer {

    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final GradientClipping clipping;
    private final long maxSteps;
    private final long maxEpochs;
    private final Duration maxTime;
    private final long evaluateEvery;
    private final int patience;
    private final double minDelta;

    private TrainerState state = TrainerState.START;
    private OptimizerState pendingOptimizerState;

    private Trainer(Builder b) {
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.clipping = b.clipping;
        this.maxSteps = b.maxSteps;
        this.maxEpochs = b.maxEpochs;
        this.maxTime = b.maxTime;
        this.evaluateEvery = b.evaluateEvery;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
    }

    /** Starts a configuration around {@code optimizer} (the only required part). */
    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    /** The optimiser this trainer steps. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The trainer's progress, for checkpoints. */
    public TrainerState state() {
        return state;
    }

    /**
     * Makes the next {@link #fit} continue from a checkpoint: the optimiser is initialised and
     * restored to {@code optimizerState}, and the loop resumes at {@code trainerState}.
     */
    public void resume(OptimizerState optimizerState, TrainerState trainerState) {
        if (optimizerState == null || trainerState == null) {
            throw new IllegalArgumentException("resuming needs both the optimizer state and the trainer state");
        }
        this.pendingOptimizerState = optimizerState;
        this.state = trainerState;
    }

    /**
     * Trains {@code target} on {@code train} until a budget, early stopping or a listener ends
     * the run; evaluates on {@code validation} (may be null) every {@code evaluateEvery} steps,
     * or at the end of every epoch when that is 0.
     *
     * @throws TrainingDivergedException when a loss or gradient is not finite; the parameters
     *                                   then still hold the last finite update
     */
    public <B> TrainingResult fit(TrainingTarget<B> target, BatchSource<B> train, BatchSource<B> validation,
                                  TrainingListener... listeners) {
        Parameters params = target.parameters();
        optimizer.initialize(params.backend(), params.size());
        if (pendingOptimizerState != null) {
            optimizer.restore(pendingOptimizerState);
            pendingOptimizerState = null;
        }
        List<TrainingListener> observers = List.of(listeners);
        long epoch = state.epoch();
        double best = state.bestValidationLoss();
        int stale = state.staleEvaluations();
        train.startEpoch(epoch);
        train.seek(state.dataPosition());
        if (state.dataPosition() == 0) {
            // Mid-epoch (a resume) the target keeps the recurrent state it was given: truncated
            // BPTT continues exactly where the checkpoint left it.
            target.resetState();
        }
        B batch = train.newBatch();
        long start = System.nanoTime();
        double lastLoss = Double.NaN;
        StopReason reason;
        while (true) {
            long step = optimizer.stepCount();
            if (step >= maxSteps) {
                reason = StopReason.MAX_STEPS;
                break;
            }
            if (epoch >= maxEpochs) {
                reason = StopReason.MAX_EPOCHS;
                break;
            }
            if (maxTime != null && System.nanoTime() - start >= maxTime.toNanos()) {
                reason = StopReason.TIME_LIMIT;
                break;
            }
            if (!train.next(batch)) {
                epoch++;
                train.rewind();
                target.resetState();
                state = new TrainerState(epoch, train.position(), best, stale);
                for (TrainingListener l : observers) {
                    l.onEpochEnd(epoch, step);
                }
                if (evaluateEvery == 0 && validation != null) {
                    double loss = evaluate(target, validation).mean();
                    boolean improved = !(loss >= best - minDelta); // true when best is NaN
                    best = improved ? loss : best;
                    stale = improved ? 0 : stale + 1;
                    state = new TrainerState(epoch, train.position(), best, stale);
                    report(observers, step, loss, improved);
                    if (patience > 0 && stale >= patience) {
                        reason = StopReason.EARLY_STOPPING;
                        break;
                    }
                }
                continue;
            }
            long t0 = System.nanoTime();
            params.zeroGradients();
            target.beginStep(step);
            LossValue loss = target.computeGradients(batch);
            if (!loss.isFinite()) {
                throw new TrainingDivergedException(step, "the training loss became " + loss.sum() + " at step "
                        + (step + 1) + " (epoch " + (epoch + 1) + "); the update was refused and the parameters are"
                        + " those after step " + step + ". Lower the learning rate (now " + schedule.rate(step)
                        + ") or clip gradients by norm");
            }
            double norm = clipping.apply(params.backend(), params.gradients());
            if (!Double.isFinite(norm)) {
                throw new TrainingDivergedException(step, "the gradient norm became " + norm + " at step " + (step + 1)
                        + " (epoch " + (epoch + 1) + "); the update was refused. Lower the learning rate (now "
                        + schedule.rate(step) + ") or clip gradients");
            }
            float lr = schedule.rate(step);
            optimizer.step(params.values(), params.gradients(), lr);
            lastLoss = loss.mean();
            state = new TrainerState(epoch, train.position(), best, stale);
            long done = optimizer.stepCount();
            TrainingListener.StepReport report = new TrainingListener.StepReport(done, epoch, lastLoss, norm, lr,
                    loss.count(), System.nanoTime() - t0);
            for (int i = 0; i < observers.size(); i++) {
                observers.get(i).onStep(report);
            }
            if (evaluateEvery > 0 && validation != null && done % evaluateEvery == 0) {
                double vloss = evaluate(target, validation).mean();
                boolean improved = !(vloss >= best - minDelta);
                best = improved ? vloss : best;
                stale = improved ? 0 : stale + 1;
                state = new TrainerState(epoch, train.position(), best, stale);
                target.resetState();
                report(observers, done, vloss, improved);
                if (patience > 0 && stale >= patience) {
                    reason = StopReason.EARLY_STOPPING;
                    break;
                }
            }
            if (stopRequested(observers)) {
                reason = StopReason.REQUESTED;
                break;
            }
        }
        return new TrainingResult(optimizer.stepCount(), epoch, lastLoss, best, reason);
    }

    private static boolean stopRequested(List<TrainingListener> observers) {
        for (int i = 0; i < observers.size(); i++) {   // no iterator or stream: this runs every step
            if (observers.get(i).stopRequested()) {
                return true;
            }
        }
        return false;
    }

    private static void report(List<TrainingListener> observers, long step, double loss, boolean best) {
        for (TrainingListener l : observers) {
            l.onEvaluation(new TrainingListener.EvaluationReport(step, loss, best));
        }
    }

    /**
     * The summed loss of {@code target} over one whole epoch of {@code source}, in evaluation
     * mode, from a reset state; the source is rewound before and after.
     */
    public static <B> LossValue evaluate(TrainingTarget<B> target, BatchSource<B> source) {
        source.seek(0);
        target.resetState();
        B batch = source.newBatch();
        LossValue total = LossValue.ZERO;
        while (source.next(batch)) {
            total = total.plus(target.evaluate(batch));
        }
        source.seek(0);
        target.resetState();
        return total;
    }

    /**
     * The trainer's configuration: the optimiser is required; everything else has a default
     * (learning rate 1e-3 constant, no clipping, no budget but at least one must be set, evaluation
     * at each epoch end, no early stopping).
     *
     * <pre>{@code
     * Trainer.builder(optimizer).maxSteps(1000).evaluateEvery(100).earlyStopping(5, 0.0).build();
     * }</pre>
     */
    public static final class Builder {
        private final Optimizer optimizer;
        private LearningRateSchedule schedule = LearningRateSchedule.constant(1e-3);
        private GradientClipping clipping = GradientClipping.none();
        private long maxSteps = Long.MAX_VALUE;
        private long maxEpochs = Long.MAX_VALUE;
        private Duration maxTime;
        private long evaluateEvery;
        private int patience;
        private double minDelta;
        private final List<String> budgets = new ArrayList<>();

        private Builder(Optimizer optimizer) {
            if (optimizer == null) {
                throw new IllegalArgumentException("a trainer needs an optimizer");
            }
            this.optimizer = optimizer;
        }

        /** The learning rate per step. */
        public Builder schedule(LearningRateSchedule lrSchedule) {
            if (lrSchedule == null) {
                throw new IllegalArgumentException("schedule must not be null");
            }
            this.schedule = lrSchedule;
            return this;
        }

        /** Gradient clipping. */
        public Builder clipping(GradientClipping gradientClipping) {
            if (gradientClipping == null) {
                throw new IllegalArgumentException("clipping must not be null (use GradientClipping.none())");
            }
            this.clipping = gradientClipping;
            return this;
        }

        /** Stop after this many optimiser steps in total. */
        public Builder maxSteps(long steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + steps);
            }
            this.maxSteps = steps;
            budgets.add("steps");
            return this;
        }

        /** Stop after this many epochs. */
        public Builder maxEpochs(long epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("maxEpochs must be >= 1, got " + epochs);
            }
            this.maxEpochs = epochs;
            budgets.add("epochs");
            return this;
        }

        /** Stop once this much wall time has passed (checked between steps). */
        public Builder maxTime(Duration time) {
            if (time == null || time.isNegative() || time.isZero()) {
                throw new IllegalArgumentException("maxTime must be positive, got " + time);
            }
            this.maxTime = time;
            budgets.add("time");
            return this;
        }

        /** Evaluate every {@code steps} steps; 0 (default) evaluates at each epoch end. */
        public Builder evaluateEvery(long steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("evaluateEvery must be >= 0, got " + steps);
            }
            this.evaluateEvery = steps;
            return this;
        }

        /**
         * Stop when the validation loss has not improved by more than {@code minimumDelta} for
         * {@code evaluations} evaluations in a row.
         */
        public Builder earlyStopping(int evaluations, double minimumDelta) {
            if (evaluations < 1) {
                throw new IllegalArgumentException("early-stopping patience must be >= 1, got " + evaluations);
            }
            if (!(minimumDelta >= 0)) {
                throw new IllegalArgumentException("early-stopping minimum improvement must be >= 0, got " + minimumDelta);
            }
            this.patience = evaluations;
            this.minDelta = minimumDelta;
            return this;
        }

        /** The trainer; fails unless a step, epoch or time budget was set. */
        public Trainer build() {
            if (budgets.isEmpty()) {
                throw new IllegalStateException("set at least one budget: maxSteps, maxEpochs or maxTime");
            }
            return new Trainer(this);
        }
    }
}
