package org.rnn4j.core.train;

/**
 * The learning rate as a function of the optimiser step (counted from 0). Schedules are
 * immutable values and compose: {@code warmup} wraps any other schedule.
 *
 * <pre>{@code
 * LearningRateSchedule lr = LearningRateSchedule.warmup(100, LearningRateSchedule.cosine(2e-3, 5000, 1e-5));
 * float rate = lr.rate(step);
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate for step {@code step >= 0}. */
    float rate(long step);

    /** Always {@code lr}. */
    static LearningRateSchedule constant(double lr) {
        positive("learning rate", lr);
        return step -> (float) lr;
    }

    /** {@code lr * gamma^floor(step / every)}: step decay, as {@code torch.optim.lr_scheduler.StepLR}. */
    static LearningRateSchedule stepDecay(double lr, long every, double gamma) {
        positive("learning rate", lr);
        if (every < 1) {
            throw new IllegalArgumentException("step decay interval must be >= 1, got " + every);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step decay factor gamma must be in (0, 1], got " + gamma);
        }
        return step -> (float) (lr * Math.pow(gamma, step / every));
    }

    /**
     * Cosine annealing from {@code lr} at step 0 to {@code minLr} at {@code totalSteps}, then
     * {@code minLr}, as {@code CosineAnnealingLR} without restarts.
     */
    static LearningRateSchedule cosine(double lr, long totalSteps, double minLr) {
        positive("learning rate", lr);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("cosine schedule needs totalSteps >= 1, got " + totalSteps);
        }
        if (!(minLr >= 0 && minLr <= lr)) {
            throw new IllegalArgumentException("cosine minimum rate must be in [0, " + lr + "], got " + minLr);
        }
        return step -> {
            if (step >= totalSteps) {
                return (float) minLr;
            }
            return (float) (minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * step / totalSteps)));
        };
    }

    /**
     * Linear warm-up: {@code after.rate(step) * (step + 1) / warmupSteps} for the first
     * {@code warmupSteps} steps, then {@code after} unchanged.
     */
    static LearningRateSchedule warmup(long warmupSteps, LearningRateSchedule after) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        if (after == null) {
            throw new IllegalArgumentException("warm-up needs the schedule that follows it");
        }
        return step -> step < warmupSteps ? (float) (after.rate(step) * (step + 1.0) / warmupSteps) : after.rate(step);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be > 0 and finite, got " + v);
        }
    }
}
