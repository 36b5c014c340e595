package org.rnn4j.models.seq;

/**
 * What a sequence model is trained to do at each step.
 *
 * <pre>{@code
 * Objective.CLASSIFICATION   // next character, part-of-speech tag: softmax cross-entropy
 * Objective.REGRESSION       // tomorrow's temperature: mean squared error
 * }</pre>
 */
public enum Objective {
    /** Class scores per step, softmax cross-entropy against integer targets (negative = padding). */
    CLASSIFICATION,
    /** Values per step, mean squared error against real targets under a 0/1 mask. */
    REGRESSION
}
