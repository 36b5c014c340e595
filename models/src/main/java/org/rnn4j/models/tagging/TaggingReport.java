package org.rnn4j.models.tagging;

import java.util.List;

/**
 * What {@link Tagger#evaluate} measured: token accuracy (the part-of-speech metric), accuracy on
 * words the tagger had never seen, and, for BIO tag sets, conlleval-style entity scores.
 *
 * <pre>{@code
 * TaggingReport r = tagger.evaluate(test);
 * System.out.printf("accuracy %.2f%%, entity F1 %.2f%n", 100 * r.accuracy(), 100 * r.entities().overall().f1());
 * }</pre>
 *
 * @param sentences        sentences evaluated
 * @param tokens           words evaluated
 * @param correct          words tagged right
 * @param unknownTokens    words not in the vocabulary
 * @param unknownCorrect   of those, tagged right
 * @param entities         entity scores, or null when the tags are not BIO
 * @param predicted        the predicted tags, sentence by sentence
 * @param tokensPerSecond  prediction speed
 */
public record TaggingReport(int sentences, long tokens, long correct, long unknownTokens, long unknownCorrect,
                            EntityScores entities, List<List<String>> predicted, double tokensPerSecond) {

    /** correct / tokens. */
    public double accuracy() {
        return tokens == 0 ? 0 : (double) correct / tokens;
    }

    /** Accuracy on unknown words (NaN when there are none). */
    public double unknownAccuracy() {
        return unknownTokens == 0 ? Double.NaN : (double) unknownCorrect / unknownTokens;
    }
}
