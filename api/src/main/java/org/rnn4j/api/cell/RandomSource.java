package org.rnn4j.api.cell;

/**
 * The seeded random numbers used to initialise parameters. rnn4j's own generator (in core) is
 * deterministic and serialisable, so that a seed fixes a model's initial weights on every JVM.
 *
 * <pre>{@code
 * double u = random.nextDouble();   // in [0, 1)
 * }</pre>
 */
@FunctionalInterface
public interface RandomSource {

    /** A uniform double in {@code [0, 1)}. */
    double nextDouble();
}
