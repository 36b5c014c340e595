package org.rnn4j.models.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.Parameters;
import org.rnn4j.models.stack.RecurrentStack;
import org.rnn4j.models.stack.StackRunner;

/**
 * Runs {@link InputEncoding.WordsAndCharacters}: each DISTINCT spelling of a batch goes once
 * through the character BiLSTM (function words repeat a lot), as one batch of variable-length
 * character sequences; the final forward state (at the word's last character) and the final
 * backward state (at its first) are gathered per spelling and then per token, beside the token's
 * word embedding. Backward reverses every gather with a scatter-add. All device work is
 * gathers, scatters, strided copies and the stack runner's kernels; the host only builds index
 * arrays.
 *
 * <p>The character LSTM runs over a fixed number of spellings per bound runner, so spellings
 * are padded up to a size class (8, 12, 16, 24, 32, 48, ...); each class's runner and buffers
 * are allocated the first time a batch needs it and reused after.
 */
final class CharacterWordRunner implements EncoderRunner {

    private final Backend backend;
    private final InputEncoding.WordsAndCharacters enc;
    private final Parameters params;
    private final RecurrentStack charStack;
    private final ParameterRef wordTable;
    private final ParameterRef wordGrad;
    private final ParameterRef charTable;
    private final ParameterRef charGrad;
    private final int maxRows;
    private final int dim;
    private final int features;
    private final int width;
    private final int maxLength;
    /** [maxRows, E + 2Hc]: the encoder's output. */
    private final Tensor output;
    /** [maxRows, E]: word embeddings, then their gradient. */
    private final Tensor wordPart;
    /** [maxRows, 2Hc]: character features per token, then their gradient. */
    private final Tensor charPart;
    /** Per row: its spelling's index, or -1 (no characters). */
    private final int[] rowToSpelling;
    /** Per spelling: the first row that has it. */
    private final int[] spellingRow;
    private final int[] table;
    private final List<SizeClass> classes = new ArrayList<>();
    private int[] lastTokens;
    private int lastRows;
    private SizeClass last;
    private int lastSteps;

    CharacterWordRunner(Backend backend, InputEncoding.WordsAndCharacters enc, Parameters params, int maxRows) {
        this.backend = backend;
        this.enc = enc;
        this.params = params;
        this.charStack = enc.characterStack();
        this.wordTable = params.value("embedding.weight");
        this.wordGrad = params.gradient("embedding.weight");
        this.charTable = params.value("char_embedding.weight");
        this.charGrad = params.gradient("char_embedding.weight");
        this.maxRows = maxRows;
        this.dim = enc.dimension();
        this.features = 2 * enc.charHidden();
        this.width = enc.outputSize();
        this.maxLength = enc.maxWordLength();
        this.output = backend.allocate(maxRows, width);
        this.wordPart = backend.allocate(maxRows, dim);
        this.charPart = backend.allocate(maxRows, features);
        this.rowToSpelling = new int[maxRows];
        this.spellingRow = new int[maxRows];
        this.table = new int[Integer.highestOneBit(Math.max(2, maxRows) * 2 - 1) * 2];
    }

    @Override
    public Tensor output() {
        return output;
    }

    @Override
    public void encodeTokens(int[] tokens, int offset, int rows) {
        throw new IllegalStateException("this model reads the characters of every word as well as its id: fill batches"
                + " made by SequenceBatch.tokensWithCharacters(maxSteps, batch, " + maxLength + ")");
    }

    @Override
    public void encodeFeatures(float[] values, int offset, int rows) {
        throw new IllegalStateException("a word and character encoder takes token ids and characters, not real-valued"
                + " features");
    }

    @Override
    public void encodeWords(int[] tokens, int[] characters, int[] wordLengths, int maxWordLength, int rows) {
        if (maxWordLength != maxLength) {
            throw new IllegalArgumentException("the batch holds words of up to " + maxWordLength
                    + " characters but the model reads up to " + maxLength + "; make the batch with maxWordLength "
                    + maxLength);
        }
        if (rows < 1 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in [1, " + maxRows + "], got " + rows);
        }
        int spellings = findSpellings(tokens, characters, wordLengths, rows);
        lastTokens = tokens;
        lastRows = rows;
        last = null;
        if (spellings == 0) {
            backend.fill(charPart, 0, rows * features, 0f);
        } else {
            SizeClass c = sizeClass(spellings);
            last = c;
            lastSteps = c.fill(characters, wordLengths, spellings);
            c.forward(lastSteps);
            backend.gatherRows(rows, features, c.spellingFeatures, 0, rowToSpelling, 0, charPart, 0);
        }
        backend.gatherRows(rows, dim, wordTable.tensor(), wordTable.offset(), tokens, 0, wordPart, 0);
        backend.copyMatrix(rows, dim, wordPart, 0, dim, output, 0, width);
        backend.copyMatrix(rows, features, charPart, 0, features, output, dim, width);
    }

    /** Numbers the distinct spellings of the first {@code rows} rows; returns how many there are. */
    private int findSpellings(int[] tokens, int[] characters, int[] wordLengths, int rows) {
        Arrays.fill(table, -1);
        int mask = table.length - 1;
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (tokens[r] >= enc.vocabulary()) {
                throw new IllegalArgumentException("token " + tokens[r] + " at position " + r
                        + " is outside the vocabulary of " + enc.vocabulary() + " tokens");
            }
            int length = wordLengths[r];
            if (length < 0 || length > maxLength) {
                throw new IllegalArgumentException("word length " + length + " at position " + r + " is outside [0, "
                        + maxLength + "]");
            }
            if (length == 0) {
                rowToSpelling[r] = -1;
                continue;
            }
            int from = r * maxLength;
            int hash = length;
            for (int i = from; i < from + length; i++) {
                int c = characters[i];
                if (c < 0 || c >= enc.characters()) {
                    throw new IllegalArgumentException("character id " + c + " of the word at position " + r
                            + " is outside the character vocabulary of " + enc.characters());
                }
                hash = hash * 31 + c;
            }
            hash ^= hash >>> 16;
            int slot = (hash * 0x9E3779B9) >>> 1 & mask;
            while (true) {
                int s = table[slot];
                if (s < 0) {
                    table[slot] = count;
                    spellingRow[count] = r;
                    rowToSpelling[r] = count++;
                    break;
                }
                if (sameWord(characters, wordLengths, spellingRow[s], r)) {
                    rowToSpelling[r] = s;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return count;
    }

    private boolean sameWord(int[] characters, int[] wordLengths, int a, int b) {
        if (wordLengths[a] != wordLengths[b]) {
            return false;
        }
        return Arrays.equals(characters, a * maxLength, a * maxLength + wordLengths[a],
                characters, b * maxLength, b * maxLength + wordLengths[b]);
    }

    private SizeClass sizeClass(int spellings) {
        int size = 8;
        while (size < spellings) {
            // 8, 12, 16, 24, 32, 48, ...: at most a third of a class is padding.
            size = Integer.bitCount(size) == 1 ? size + size / 2 : Integer.highestOneBit(size) * 2;
        }
        size = Math.min(size, maxRows);
        for (SizeClass c : classes) {
            if (c.size == size) {
                return c;
            }
        }
        SizeClass c = new SizeClass(size);
        classes.add(c);
        return c;
    }

    @Override
    public boolean trainable() {
        return true;
    }

    @Override
    public void backward(Tensor dOutput, int rows) {
        if (lastTokens == null || rows != lastRows) {
            throw new IllegalStateException("backward needs a forward of the same " + rows + " rows first");
        }
        backend.copyMatrix(rows, dim, dOutput, 0, width, wordPart, 0, dim);
        backend.scatterAddRows(rows, dim, wordPart, 0, lastTokens, 0, wordGrad.tensor(), wordGrad.offset());
        if (last != null) {
            backend.copyMatrix(rows, features, dOutput, dim, width, charPart, 0, features);
            last.backward(rows, lastSteps);
        }
    }

    @Override
    public void close() {
        output.close();
        wordPart.close();
        charPart.close();
        classes.forEach(SizeClass::close);
        classes.clear();
    }

    /** The character BiLSTM and its buffers for {@code size} spellings. */
    private final class SizeClass implements AutoCloseable {
        final int size;
        final StackRunner runner;
        /** Time-major character ids, [maxLength * size], -1 past a word's end. */
        final int[] charIds;
        final int[] lengths;
        /** Per spelling: the row of its last character in the runner's outputs, or -1. */
        final int[] lastRow;
        /** [maxLength, size, Ec]: embedded characters, then their gradient. */
        final Tensor charInput;
        final Tensor charInputGrad;
        /** [size, 2Hc]: outputs at each spelling's last character (the forward half is used). */
        final Tensor atLast;
        /** [size, 2Hc]: the gradient at those outputs; its backward half is never written, so stays zero. */
        final Tensor atLastGrad;
        /** [size, 2Hc]: the features of every spelling, then their gradients. */
        final Tensor spellingFeatures;
        final Tensor spellingGrad;

        SizeClass(int size) {
            this.size = size;
            this.runner = charStack.bind(params, maxLength, size, 0f);
            this.charIds = new int[maxLength * size];
            this.lengths = new int[size];
            this.lastRow = new int[size];
            this.charInput = backend.allocate(maxLength, size, enc.charDimension());
            this.charInputGrad = backend.allocate(maxLength, size, enc.charDimension());
            this.atLast = backend.allocate(size, features);
            this.atLastGrad = backend.allocate(size, features);
            this.spellingFeatures = backend.allocate(size, features);
            this.spellingGrad = backend.allocate(size, features);
        }

        /** Lays the spellings out time-major; returns the longest one's length (the steps to run). */
        int fill(int[] characters, int[] wordLengths, int spellings) {
            int steps = 1;
            for (int s = 0; s < spellings; s++) {
                steps = Math.max(steps, wordLengths[spellingRow[s]]);
            }
            for (int s = 0; s < size; s++) {
                int length = s < spellings ? wordLengths[spellingRow[s]] : 0;
                int from = s < spellings ? spellingRow[s] * maxLength : 0;
                lengths[s] = length;
                lastRow[s] = length > 0 ? (length - 1) * size + s : -1;
                for (int t = 0; t < steps; t++) {
                    charIds[t * size + s] = t < length ? characters[from + t] : -1;
                }
            }
            return steps;
        }

        void forward(int steps) {
            int h = enc.charHidden();
            backend.gatherRows(steps * size, enc.charDimension(), charTable.tensor(), charTable.offset(), charIds, 0,
                    charInput, 0);
            runner.sequenceLengths(lengths);
            runner.forward(charInput, 0, steps);
            Tensor out = runner.outputs();
            // Forward direction: its state after the last character; backward direction: after
            // reading back to the first character, i.e. its output at step 0.
            backend.gatherRows(size, features, out, 0, lastRow, 0, atLast, 0);
            backend.copyMatrix(size, h, atLast, 0, features, spellingFeatures, 0, features);
            backend.copyMatrix(size, h, out, h, features, spellingFeatures, h, features);
        }

        void backward(int rows, int steps) {
            int h = enc.charHidden();
            backend.fill(spellingGrad, 0, size * features, 0f);
            backend.scatterAddRows(rows, features, charPart, 0, rowToSpelling, 0, spellingGrad, 0);
            Tensor dOut = runner.outputGradients();
            backend.fill(dOut, 0, steps * size * features, 0f);
            backend.copyMatrix(size, h, spellingGrad, h, features, dOut, h, features);
            // Only the forward half goes to each spelling's last character (the other half of
            // atLastGrad is zero), added to what a one-character word's step 0 already holds.
            backend.copyMatrix(size, h, spellingGrad, 0, features, atLastGrad, 0, features);
            backend.scatterAddRows(size, features, atLastGrad, 0, lastRow, 0, dOut, 0);
            runner.backward(charInputGrad, 0);
            backend.scatterAddRows(steps * size, enc.charDimension(), charInputGrad, 0, charIds, 0, charGrad.tensor(),
                    charGrad.offset());
        }

        @Override
        public void close() {
            runner.close();
            charInput.close();
            charInputGrad.close();
            atLast.close();
            atLastGrad.close();
            spellingFeatures.close();
            spellingGrad.close();
        }
    }
}
