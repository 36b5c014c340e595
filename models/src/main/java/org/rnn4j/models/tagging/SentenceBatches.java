package org.rnn4j.models.tagging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.rnn4j.core.train.BatchSource;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * Batches of whole sentences for a tagger: each batch is padded to its longest sentence, every
 * sentence's length is set (so bidirectional layers read each one backwards from its own last
 * word) and padded steps have target -1 (ignored by the loss).
 *
 * <p>For training ({@code shuffle}), every epoch draws a new order in which sentences of
 * similar length share a batch (less padding, so less wasted work), and rare words are replaced
 * by their unknown-word signature with probability {@code wordDropout}. Without shuffling,
 * batch {@code i} holds sentences {@code i*batch ...} in their original order, as prediction needs.
 *
 * <pre>{@code
 * SentenceBatches train = SentenceBatches.training(words, tags, unknown, vocab, 32, 0.25, 7);
 * SentenceBatches dev = SentenceBatches.inOrder(devWords, devTags, 32);
 * trainer.fit(session, train, dev);   // session = model.session(train.maxSteps(), 32, false)
 *
 * // with the characters of every word, for a model with character features (words up to 20 characters):
 * SentenceBatches charTrain = SentenceBatches.training(words, tags, unknown, vocab, 32, 0.25, 7).withCharacters(chars, 20);
 * }</pre>
 */
public final class SentenceBatches implements BatchSource<SequenceBatch> {

    private static final int BUCKET_BATCHES = 50;

    private final int[][] words;
    private final int[][] tags;
    private final int[][] unknown;
    private final WordVocabulary vocab;
    private final int batch;
    private final double wordDropout;
    private final long seed;
    private final boolean shuffle;
    private final int maxSteps;
    private int[][][] chars;
    private int maxWordLength;
    private List<int[]> order;
    private int position;
    private long epoch;
    private SplittableRandom dropoutRandom;

    private SentenceBatches(int[][] words, int[][] tags, int[][] unknown, WordVocabulary vocab, int batch,
                            double wordDropout, long seed, boolean shuffle) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        if (words.length == 0) {
            throw new IllegalArgumentException("there are no sentences to batch");
        }
        if (!(wordDropout >= 0 && wordDropout <= 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1], got " + wordDropout);
        }
        this.words = words;
        this.tags = tags;
        this.unknown = unknown;
        this.vocab = vocab;
        this.batch = batch;
        this.wordDropout = wordDropout;
        this.seed = seed;
        this.shuffle = shuffle;
        this.maxSteps = Arrays.stream(words).mapToInt(w -> w.length).max().orElse(1);
        arrange();
    }

    /**
     * Shuffled, length-bucketed training batches with word dropout.
     *
     * @param unknown per word, the id to use when it is dropped (its signature's)
     */
    public static SentenceBatches training(int[][] words, int[][] tags, int[][] unknown, WordVocabulary vocab,
                                           int batch, double wordDropout, long seed) {
        return new SentenceBatches(words, tags, unknown, vocab, batch, wordDropout, seed, true);
    }

    /** Batches in the sentences' order, without dropout; {@code tags} may be null (prediction). */
    public static SentenceBatches inOrder(int[][] words, int[][] tags, int batch) {
        return new SentenceBatches(words, tags, null, null, batch, 0, 0, false);
    }

    /**
     * Makes every batch carry the characters of its words as well ({@code characters[sentence][word]},
     * each word at most {@code maxWordLength} character ids), for a model with character features.
     *
     * @return this source
     */
    public SentenceBatches withCharacters(int[][][] characters, int maxWordLength) {
        if (characters.length != words.length) {
            throw new IllegalArgumentException("characters are given for " + characters.length + " sentences but there are "
                    + words.length);
        }
        for (int i = 0; i < characters.length; i++) {
            if (characters[i].length != words[i].length) {
                throw new IllegalArgumentException("sentence " + i + " has " + words[i].length + " words but "
                        + characters[i].length + " spellings");
            }
            for (int[] w : characters[i]) {
                if (w.length > maxWordLength) {
                    throw new IllegalArgumentException("sentence " + i + " has a word of " + w.length
                            + " characters, more than " + maxWordLength + "; shorten it first");
                }
            }
        }
        this.chars = characters;
        this.maxWordLength = maxWordLength;
        return this;
    }

    /** The longest sentence, which a session must be able to hold. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Sentences per batch. */
    public int batch() {
        return batch;
    }

    /** The sentence indices of batch {@code i} of the current epoch. */
    public int[] sentencesOf(int i) {
        return order.get(i);
    }

    private void arrange() {
        List<int[]> batches = new ArrayList<>();
        int n = words.length;
        if (!shuffle) {
            for (int from = 0; from < n; from += batch) {
                int[] idx = new int[Math.min(batch, n - from)];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = from + k;
                }
                batches.add(idx);
            }
        } else {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
            Integer[] all = new Integer[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            shuffle(all, random);
            int chunk = batch * BUCKET_BATCHES;
            for (int from = 0; from < n; from += chunk) {
                Integer[] part = Arrays.copyOfRange(all, from, Math.min(n, from + chunk));
                Arrays.sort(part, Comparator.comparingInt(i -> words[i].length));
                for (int b = 0; b < part.length; b += batch) {
                    int[] idx = new int[Math.min(batch, part.length - b)];
                    for (int k = 0; k < idx.length; k++) {
                        idx[k] = part[b + k];
                    }
                    batches.add(idx);
                }
            }
            int[][] arr = batches.toArray(new int[0][]);
            shuffle(arr, random);
            batches = new ArrayList<>(List.of(arr));
            dropoutRandom = random.split();
        }
        order = batches;
    }

    private static <T> void shuffle(T[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public SequenceBatch newBatch() {
        return chars == null ? SequenceBatch.tokens(maxSteps, batch)
                : SequenceBatch.tokensWithCharacters(maxSteps, batch, maxWordLength);
    }

    @Override
    public boolean next(SequenceBatch b) {
        if (position >= order.size()) {
            return false;
        }
        int[] idx = order.get(position++);
        int steps = 1;
        for (int i : idx) {
            steps = Math.max(steps, words[i].length);
        }
        b.setSteps(steps);
        b.clearTargets();
        int[] in = b.tokens();
        int[] out = b.classes();
        Arrays.fill(in, 0, steps * batch, WordVocabulary.PAD);
        if (chars != null) {
            if (b.maxWordLength() != maxWordLength) {
                throw new IllegalArgumentException("the batch holds words of up to " + b.maxWordLength()
                        + " characters, these sentences up to " + maxWordLength + "; fill batches made by newBatch()");
            }
            Arrays.fill(b.wordLengths(), 0, steps * batch, 0);
        }
        for (int s = 0; s < batch; s++) {
            if (s >= idx.length) {
                b.setLength(s, 1);      // an empty slot: one padding step, target ignored
                continue;
            }
            int[] w = words[idx[s]];
            b.setLength(s, w.length);
            for (int t = 0; t < w.length; t++) {
                int id = w[t];
                if (wordDropout > 0 && vocab.rare(id) && dropoutRandom.nextDouble() < wordDropout) {
                    id = unknown[idx[s]][t];
                }
                in[t * batch + s] = id;
                if (chars != null) {
                    b.setWord(t * batch + s, id, chars[idx[s]][t]);
                }
                if (tags != null) {
                    out[t * batch + s] = tags[idx[s]][t];
                }
            }
        }
        return true;
    }

    @Override
    public void rewind() {
        position = 0;
        if (shuffle) {
            epoch++;
            arrange();
        }
    }

    @Override
    public long batchesPerEpoch() {
        return order.size();
    }

    @Override
    public long position() {
        return position;
    }

    /** Starts epoch {@code e}'s order (as the {@code e}-th {@link #rewind()} would), at its beginning. */
    @Override
    public void startEpoch(long e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        position = 0;
        if (shuffle && e != epoch) {
            epoch = e;
            arrange();
        }
    }

    /**
     * Continues at batch {@code pos} of the current epoch. Training batches replay the word
     * dropout of the batches before it, so the batches that follow are exactly those an
     * uninterrupted run would have drawn.
     */
    @Override
    public void seek(long pos) {
        if (pos < 0 || pos > order.size()) {
            throw new IllegalArgumentException("data position " + pos + " is outside [0, " + order.size() + "]");
        }
        if (shuffle && wordDropout > 0) {
            arrange();
            position = 0;
            SequenceBatch scratch = pos > 0 ? newBatch() : null;
            while (position < pos) {
                next(scratch);
            }
        }
        position = (int) pos;
    }
}
