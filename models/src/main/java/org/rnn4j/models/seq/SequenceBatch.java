package org.rnn4j.models.seq;

import java.util.Arrays;

/**
 * One batch in time-major order ({@code index = t * batch + b}), in reusable arrays so that
 * filling a batch allocates nothing. Token models use {@link #tokens()} and {@link #classes()};
 * real-valued models {@link #features()}, {@link #values()} and {@link #mask()}.
 *
 * <pre>{@code
 * SequenceBatch batch = SequenceBatch.tokens(100, 64);
 * batch.setSteps(100);
 * batch.tokens()[t * 64 + b] = id;
 * batch.classes()[t * 64 + b] = nextId;   // or -1 to ignore the step
 *
 * SequenceBatch words = SequenceBatch.tokensWithCharacters(60, 32, 20);   // a tagger with character features
 * words.setWord(t * 32 + b, wordId, charIds);                              // charIds.length <= 20
 * }</pre>
 */
public final class SequenceBatch {

    private final int maxSteps;
    private final int batch;
    private final int featuresPerStep;
    private final int valuesPerStep;
    private final int[] tokens;
    private final int[] classes;
    private final float[] features;
    private final float[] values;
    private final float[] mask;
    private final int[] lengths;
    private final int maxWordLength;
    private final int[] characters;
    private final int[] wordLengths;
    private boolean lengthsSet;
    private int steps;

    private SequenceBatch(int maxSteps, int batch, int featuresPerStep, int valuesPerStep, boolean tokenInput,
                          boolean classTargets) {
        this(maxSteps, batch, featuresPerStep, valuesPerStep, tokenInput, classTargets, 0);
    }

    private SequenceBatch(int maxSteps, int batch, int featuresPerStep, int valuesPerStep, boolean tokenInput,
                          boolean classTargets, int maxWordLength) {
        if (maxSteps < 1 || batch < 1) {
            throw new IllegalArgumentException("a batch needs maxSteps >= 1 and batch >= 1, got " + maxSteps + " and "
                    + batch);
        }
        this.maxSteps = maxSteps;
        this.batch = batch;
        this.featuresPerStep = featuresPerStep;
        this.valuesPerStep = valuesPerStep;
        int rows = maxSteps * batch;
        this.tokens = tokenInput ? new int[rows] : null;
        this.features = tokenInput ? null : new float[rows * featuresPerStep];
        this.classes = classTargets ? new int[rows] : null;
        this.values = classTargets ? null : new float[rows * valuesPerStep];
        this.mask = classTargets ? null : new float[rows * valuesPerStep];
        this.lengths = new int[batch];
        this.steps = maxSteps;
        this.maxWordLength = maxWordLength;
        this.characters = maxWordLength > 0 ? new int[rows * maxWordLength] : null;
        this.wordLengths = maxWordLength > 0 ? new int[rows] : null;
    }

    /** Token inputs with class targets (language models, taggers). */
    public static SequenceBatch tokens(int maxSteps, int batch) {
        return new SequenceBatch(maxSteps, batch, 0, 0, true, true);
    }

    /**
     * Token inputs with class targets where every token also carries the characters of its
     * word (at most {@code maxWordLength} character ids), for models with character-level
     * word features.
     */
    public static SequenceBatch tokensWithCharacters(int maxSteps, int batch, int maxWordLength) {
        if (maxWordLength < 1) {
            throw new IllegalArgumentException("the longest word must be >= 1 character, got " + maxWordLength);
        }
        return new SequenceBatch(maxSteps, batch, 0, 0, true, true, maxWordLength);
    }

    /** Real-valued inputs with real-valued targets (forecasting). */
    public static SequenceBatch values(int maxSteps, int batch, int featuresPerStep, int valuesPerStep) {
        if (featuresPerStep < 1 || valuesPerStep < 1) {
            throw new IllegalArgumentException("features and values per step must be >= 1");
        }
        return new SequenceBatch(maxSteps, batch, featuresPerStep, valuesPerStep, false, false);
    }

    /** Real-valued inputs with class targets. */
    public static SequenceBatch featuresToClasses(int maxSteps, int batch, int featuresPerStep) {
        if (featuresPerStep < 1) {
            throw new IllegalArgumentException("features per step must be >= 1");
        }
        return new SequenceBatch(maxSteps, batch, featuresPerStep, 0, false, true);
    }

    /** Capacity in steps. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Sequences per batch. */
    public int batch() {
        return batch;
    }

    /** Steps filled in this batch. */
    public int steps() {
        return steps;
    }

    /** Sets the number of steps filled, in {@code [1, maxSteps]}. */
    public void setSteps(int filled) {
        if (filled < 1 || filled > maxSteps) {
            throw new IllegalArgumentException("steps must be in [1, " + maxSteps + "], got " + filled);
        }
        this.steps = filled;
    }

    /** Rows filled: {@code steps * batch}. */
    public int rows() {
        return steps * batch;
    }

    /** Features per step of real-valued input (0 for tokens). */
    public int featuresPerStep() {
        return featuresPerStep;
    }

    /** Target values per step (0 for class targets). */
    public int valuesPerStep() {
        return valuesPerStep;
    }

    /** The most characters per word of {@link #characters()}, 0 when the batch holds no characters. */
    public int maxWordLength() {
        return maxWordLength;
    }

    /**
     * The character ids of every token's word, {@code maxWordLength} slots per row (row
     * {@code t * batch + b} starts at {@code row * maxWordLength}); null without characters.
     */
    public int[] characters() {
        return characters;
    }

    /** Characters per row's word (0 for padding); null without characters. */
    public int[] wordLengths() {
        return wordLengths;
    }

    /**
     * Sets row {@code row} ({@code t * batch + b}) to token {@code token} whose word spells
     * {@code chars} (character ids; at most {@link #maxWordLength()} of them). A negative token
     * with no characters is padding.
     *
     * @throws IllegalStateException    when the batch holds no characters
     * @throws IllegalArgumentException when the word is longer than {@link #maxWordLength()}
     */
    public void setWord(int row, int token, int[] chars) {
        if (characters == null) {
            throw new IllegalStateException("this batch holds no characters; create it with tokensWithCharacters");
        }
        if (chars.length > maxWordLength) {
            throw new IllegalArgumentException("row " + row + ": a word of " + chars.length
                    + " characters does not fit a batch of words up to " + maxWordLength + " characters");
        }
        tokens[row] = token;
        System.arraycopy(chars, 0, characters, row * maxWordLength, chars.length);
        wordLengths[row] = chars.length;
    }

    /** Token ids, or null for real-valued input. */
    public int[] tokens() {
        return tokens;
    }

    /** Target classes (negative = ignore), or null for real-valued targets. */
    public int[] classes() {
        return classes;
    }

    /** Input features, or null for token input. */
    public float[] features() {
        return features;
    }

    /** Target values, or null for class targets. */
    public float[] values() {
        return values;
    }

    /** Weights of the target values (1 = counts, 0 = padding), or null for class targets. */
    public float[] mask() {
        return mask;
    }

    /**
     * The length of every sequence, for batches of sequences of different lengths padded at the
     * end; null when every sequence fills all {@link #steps()}.
     */
    public int[] lengths() {
        return lengthsSet ? lengths : null;
    }

    /**
     * Sets sequence {@code b}'s length. Once any length is set, every sequence's is used (those
     * not set are 0, so set them all); bidirectional layers then read each sequence backwards
     * from its own last step. Targets at padded steps must be ignored (class -1 or mask 0).
     */
    public void setLength(int b, int length) {
        if (b < 0 || b >= batch) {
            throw new IllegalArgumentException("sequence " + b + " does not exist in a batch of " + batch);
        }
        if (length < 0 || length > maxSteps) {
            throw new IllegalArgumentException("length of sequence " + b + " must be in [0, " + maxSteps + "], got "
                    + length);
        }
        lengths[b] = length;
        lengthsSet = true;
    }

    /** Forgets the lengths: every sequence fills all steps again. */
    public void clearLengths() {
        lengthsSet = false;
        Arrays.fill(lengths, 0);
    }

    /** Marks every target as ignored (classes -1, mask 0), for filling partial batches. */
    public void clearTargets() {
        if (classes != null) {
            Arrays.fill(classes, -1);
        } else {
            Arrays.fill(mask, 0f);
        }
    }
}
