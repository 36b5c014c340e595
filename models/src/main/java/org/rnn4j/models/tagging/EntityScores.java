package org.rnn4j.models.tagging;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level precision, recall and F1 with exact span match, per type and overall, as
 * conlleval reports them: a predicted mention counts only when its first word, last word and
 * type all equal a gold mention's.
 *
 * <pre>{@code
 * EntityScores scores = EntityScores.of(goldTagsPerSentence, predictedTagsPerSentence);
 * double f1 = scores.overall().f1();
 * Score person = scores.byType().get("person");
 * }</pre>
 *
 * @param overall every type together (micro-averaged, as conlleval's first line)
 * @param byType  per entity type, sorted by name
 */
public record EntityScores(Score overall, Map<String, Score> byType) {

    /**
     * Counts and the three ratios (0 where a ratio has nothing to divide by, as conlleval prints).
     *
     * @param gold      gold mentions
     * @param predicted predicted mentions
     * @param correct   predicted mentions that exactly match a gold one
     */
    public record Score(long gold, long predicted, long correct) {
        /** correct / predicted. */
        public double precision() {
            return predicted == 0 ? 0 : (double) correct / predicted;
        }

        /** correct / gold. */
        public double recall() {
            return gold == 0 ? 0 : (double) correct / gold;
        }

        /** Harmonic mean of precision and recall. */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Score plus(long g, long p, long c) {
            return new Score(gold + g, predicted + p, correct + c);
        }
    }

    /** Scores of {@code predicted} against {@code gold}, sentence by sentence. */
    public static EntityScores of(List<List<String>> gold, List<List<String>> predicted) {
        if (gold.size() != predicted.size()) {
            throw new IllegalArgumentException(gold.size() + " gold sentences but " + predicted.size() + " predicted");
        }
        Map<String, Score> byType = new TreeMap<>();
        Score all = new Score(0, 0, 0);
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).size() != predicted.get(i).size()) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " has " + gold.get(i).size()
                        + " gold tags but " + predicted.get(i).size() + " predicted");
            }
            List<Span> g = Span.of(gold.get(i));
            List<Span> p = Span.of(predicted.get(i));
            Set<Span> goldSet = new HashSet<>(g);
            for (Span s : g) {
                byType.merge(s.type(), new Score(1, 0, 0), (a, b) -> a.plus(1, 0, 0));
            }
            for (Span s : p) {
                long c = goldSet.contains(s) ? 1 : 0;
                byType.merge(s.type(), new Score(0, 1, c), (a, b) -> a.plus(0, 1, c));
                all = all.plus(0, 1, c);
            }
            all = all.plus(g.size(), 0, 0);
        }
        return new EntityScores(all, byType);
    }

    /** Whether a tag set marks entities (uses {@code B-}/{@code I-} prefixes). */
    public static boolean appliesTo(List<String> tags) {
        return tags.stream().anyMatch(t -> t.startsWith("B-") || t.startsWith("I-"));
    }
}
