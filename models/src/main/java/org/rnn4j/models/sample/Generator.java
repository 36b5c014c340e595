package org.rnn4j.models.sample;

import java.util.function.IntConsumer;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.models.seq.Objective;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * Generates token sequences from a token-in, class-out {@link SequenceModel} (a language
 * model): primes the recurrent state with a prefix, then feeds each chosen token back in. Tokens
 * are handed to a callback as they are produced, so text can stream to a terminal.
 *
 * <pre>{@code
 * try (Generator g = new Generator(model)) {
 *     int[] ids = g.sample(vocab.encode("ROMEO:"), 200, SamplingSettings.temperature(0.8, 7),
 *             id -> System.out.print(vocab.decode(new int[] {id})));
 * }
 * }</pre>
 */
public final class Generator implements AutoCloseable {

    private static final int MAX_PRIME = 4096;

    private final SequenceModel model;
    private final int vocabulary;

    /**
     * A generator for {@code model}.
     *
     * @throws IllegalArgumentException when the model does not read and predict tokens
     */
    public Generator(SequenceModel model) {
        if (!model.config().input().tokens() || model.config().objective() != Objective.CLASSIFICATION) {
            throw new IllegalArgumentException("generation needs a model that reads tokens and predicts the next one");
        }
        this.model = model;
        this.vocabulary = model.config().head().outputSize();
    }

    /**
     * Samples {@code length} tokens after {@code prime} (at least one token: for text, a
     * newline is a neutral start).
     *
     * @param onToken receives every generated token in order (may be null)
     * @return the generated tokens, without the prime
     */
    public int[] sample(int[] prime, int length, SamplingSettings settings, IntConsumer onToken) {
        check(prime, length);
        TokenChooser chooser = new TokenChooser(settings, vocabulary);
        int[] out = new int[length];
        int primeLength = prime.length;
        float[] logits = new float[vocabulary];
        try (SequenceSession session = model.session(Math.min(primeLength, MAX_PRIME), 1, true)) {
            int next = feedPrime(session, prime, logits);
            SequenceBatch one = SequenceBatch.tokens(1, 1);
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    one.tokens()[0] = next;
                    Tensor row = session.predict(one);
                    model.backend().download(row, 0, logits, 0, vocabulary);
                }
                next = chooser.choose(logits, 0);
                out[i] = next;
                if (onToken != null) {
                    onToken.accept(next);
                }
            }
        }
        return out;
    }

    /**
     * Beam search: keeps the {@code width} most likely continuations (by summed log
     * probability) at every step and returns the best of length {@code length}. The result is
     * handed to {@code onToken} at the end, since no token is final before then.
     */
    public int[] beamSearch(int[] prime, int length, int width, IntConsumer onToken) {
        check(prime, length);
        if (width < 1) {
            throw new IllegalArgumentException("beam width must be >= 1, got " + width);
        }
        return new BeamSearch(model, vocabulary, width).run(prime, length, onToken, MAX_PRIME);
    }

    /** Feeds the prime (in chunks) and leaves the logits after its last token in {@code logits}. */
    static int feedPrime(SequenceSession session, int[] prime, float[] logits) {
        int vocabulary = logits.length;
        int[] tokens = prime;
        int chunk = Math.min(tokens.length, MAX_PRIME);
        SequenceBatch batch = SequenceBatch.tokens(chunk, 1);
        Tensor last = null;
        int rows = 0;
        for (int start = 0; start < tokens.length; start += chunk) {
            int n = Math.min(chunk, tokens.length - start);
            System.arraycopy(tokens, start, batch.tokens(), 0, n);
            batch.setSteps(n);
            last = session.predict(batch);
            rows = n;
        }
        session.model().backend().download(last, (rows - 1) * vocabulary, logits, 0, vocabulary);
        return tokens[tokens.length - 1];
    }

    private void check(int[] prime, int length) {
        if (prime == null || prime.length == 0) {
            throw new IllegalArgumentException("the prime must hold at least one token (for text, e.g. a newline)");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        for (int i = 0; i < prime.length; i++) {
            if (prime[i] < 0 || prime[i] >= vocabulary) {
                throw new IllegalArgumentException("prime token " + prime[i] + " at position " + i
                        + " is outside the vocabulary of " + vocabulary);
            }
        }
    }

    @Override
    public void close() {
        // sessions are per call; nothing held
    }
}
