package org.rnn4j.models.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.build.SequenceModelBuilder;
import org.rnn4j.models.data.DataFileException;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * A sequence tagger end to end: word embeddings (with unknown-word signatures), a stack of
 * bidirectional LSTM or GRU layers and a softmax per word; trained with Adam on padded,
 * length-masked sentence batches, keeping the weights of the epoch with the best development
 * loss; evaluated by token accuracy and conlleval entity scores; saved as a model folder.
 *
 * <pre>{@code
 * List<TaggedSentence> train = ConllReader.read(trainFile, ConllFormat.CONLLU, "upos");
 * List<TaggedSentence> dev = ConllReader.read(devFile, ConllFormat.CONLLU, "upos");
 * try (Tagger tagger = Tagger.train(train, dev, TaggerSettings.defaults(), backend)) {
 *     System.out.println(tagger.evaluate(dev).accuracy());
 *     System.out.println(tagger.predict(List.of("Jon", "gave", "lectures")));
 *     tagger.save(Path.of("out/pos.model"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one call at a time.
 */
public final class Tagger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code data.task} value that marks a tagger's model folder. */
    public static final String TASK = "tagger";

    private final SequenceModel model;
    private final WordVocabulary words;
    private final TagSet tags;
    private final ObjectNode training;

    private Tagger(SequenceModel model, WordVocabulary words, TagSet tags, ObjectNode training) {
        this.model = model;
        this.words = words;
        this.tags = tags;
        this.training = training;
    }

    /**
     * Trains a tagger on {@code train}, choosing the epoch by the loss on {@code dev} (may be
     * null or empty: then the last epoch's weights are kept).
     *
     * @throws DataFileException when {@code dev} holds a tag that {@code train} does not
     */
    public static Tagger train(List<TaggedSentence> train, List<TaggedSentence> dev, TaggerSettings settings,
                               Backend backend, TrainingListener... listeners) throws DataFileException {
        if (train == null || train.isEmpty()) {
            throw new IllegalArgumentException("there are no training sentences");
        }
        WordVocabulary vocab = WordVocabulary.build(train, settings.lowercase(), settings.minCount());
        TagSet tagSet = TagSet.of(train);
        int[][] trainWords = encodeWords(vocab, train);
        int[][] trainTags = encodeTags(tagSet, train);
        // What a dropped rare word becomes: its fine signature or, half the time, its coarse one,
        // so that both grains are trained (unknown test words fall back to the coarse one when
        // their fine signature was never seen).
        int[][] unknown = new int[train.size()][];
        java.util.SplittableRandom coin = new java.util.SplittableRandom(settings.seed());
        for (int i = 0; i < train.size(); i++) {
            unknown[i] = train.get(i).words().stream()
                    .mapToInt(w -> coin.nextBoolean() ? vocab.unknownId(w) : vocab.coarseUnknownId(w)).toArray();
        }
        SentenceBatches batches = SentenceBatches.training(trainWords, trainTags, unknown, vocab, settings.batch(),
                settings.wordDropout(), settings.seed());
        int maxSteps = batches.maxSteps();
        int[][] devWords = null;
        int[][] devTags = null;
        if (dev != null && !dev.isEmpty()) {
            devWords = encodeWords(vocab, dev);
            devTags = encodeTags(tagSet, dev);
        }
        SequenceModelBuilder builder = Models.sequenceTagger(vocab.size(), tagSet.size())
                .embedding(settings.embedding());
        for (int k = 0; k < settings.layers(); k++) {
            if (settings.cell().equals("gru")) {
                builder.biGru(settings.hidden());
            } else {
                builder.biLstm(settings.hidden());
            }
        }
        SequenceModel model = builder.dropout(settings.dropout()).create(backend, settings.seed());
        try {
            Trainer.Builder tb = Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(settings.learningRate()))
                    .clipping(settings.clip() > 0 ? GradientClipping.byNorm(settings.clip()) : GradientClipping.none())
                    .maxEpochs(settings.epochs());
            if (settings.maxTime() != null) {
                tb.maxTime(settings.maxTime());
            }
            TrainingResult result;
            long started = System.nanoTime();
            DevSelection selection = null;
            try (SequenceSession session = model.session(maxSteps, settings.batch(), false)) {
                TrainingListener[] all = listeners;
                if (devWords != null) {
                    selection = new DevSelection(model, tagSet, devWords, devTags, settings.patience(), listeners);
                    all = new TrainingListener[listeners.length + 1];
                    all[0] = selection;
                    System.arraycopy(listeners, 0, all, 1, listeners.length);
                }
                // No validation LOSS: the epoch is chosen by the dev metric itself (accuracy, or
                // entity F1 for BIO tags), which keeps improving long after the loss turns up
                // through over-confidence, and which for entities is what matters, not the O tokens.
                result = tb.build().fit(session, batches, null, all);
                if (selection != null) {
                    selection.restoreBest();
                }
            }
            ObjectNode record = settingsJson(settings);
            record.put("steps", result.steps());
            record.put("epochs_done", result.epochs());
            boolean early = selection != null && selection.stopRequested();
            record.put("stop_reason", early ? "early_stopping"
                    : result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
            if (selection != null && selection.bestScore() >= 0) {
                record.put("best_dev_" + selection.metric(), selection.bestScore());
                record.put("best_dev_epoch", selection.bestEpoch());
            }
            record.put("seconds", (System.nanoTime() - started) / 1e9);
            record.put("train_sentences", train.size());
            return new Tagger(model, vocab, tagSet, record);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static ObjectNode settingsJson(TaggerSettings s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("embedding", s.embedding()).put("hidden", s.hidden()).put("layers", s.layers()).put("cell", s.cell())
                .put("dropout", s.dropout()).put("lowercase", s.lowercase()).put("min_count", s.minCount())
                .put("word_dropout", s.wordDropout()).put("batch", s.batch()).put("lr", s.learningRate())
                .put("clip", s.clip()).put("epochs", s.epochs()).put("patience", s.patience()).put("seed", s.seed());
        if (s.maxTime() != null) {
            n.put("max_time_s", s.maxTime().toSeconds());
        }
        return n;
    }

    private static int[][] encodeWords(WordVocabulary vocab, List<TaggedSentence> sentences) {
        int[][] out = new int[sentences.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vocab.encode(sentences.get(i).words());
        }
        return out;
    }

    private static int[][] encodeTags(TagSet tagSet, List<TaggedSentence> sentences) throws DataFileException {
        int[][] out = new int[sentences.size()][];
        for (int i = 0; i < out.length; i++) {
            TaggedSentence s = sentences.get(i);
            if (!s.tagged()) {
                throw new DataFileException(Path.of(s.source()), s.line(), "sentence has no tags");
            }
            out[i] = tagSet.encode(s);
        }
        return out;
    }

    /** The tags of one sentence. */
    public List<String> predict(List<String> sentence) {
        return predictAll(List.of(sentence)).get(0);
    }

    /** The tags of every sentence, in order. */
    public List<List<String>> predictAll(List<List<String>> sentences) {
        int[][] ids = new int[sentences.size()][];
        for (int i = 0; i < ids.length; i++) {
            if (sentences.get(i).isEmpty()) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " is empty; a sentence needs a word");
            }
            ids[i] = words.encode(sentences.get(i));
        }
        int[][] predicted = predictIds(ids);
        List<List<String>> out = new ArrayList<>(predicted.length);
        for (int[] p : predicted) {
            List<String> t = new ArrayList<>(p.length);
            for (int id : p) {
                t.add(tags.tag(id));
            }
            out.add(t);
        }
        return out;
    }

    private int[][] predictIds(int[][] ids) {
        return predictIds(model, tags.size(), ids);
    }

    /** The argmax tag ids of every sentence. */
    static int[][] predictIds(SequenceModel model, int n, int[][] ids) {
        int[][] out = new int[ids.length][];
        if (ids.length == 0) {
            return out;
        }
        int batch = Math.min(64, ids.length);
        SentenceBatches source = SentenceBatches.inOrder(ids, null, batch);
        float[] logits = new float[source.maxSteps() * batch * n];
        try (SequenceSession session = model.session(source.maxSteps(), batch, false)) {
            SequenceBatch b = source.newBatch();
            int index = 0;
            while (source.next(b)) {
                int[] members = source.sentencesOf(index++);
                Tensor result = session.predict(b);
                model.backend().download(result, 0, logits, 0, b.rows() * n);
                for (int s = 0; s < members.length; s++) {
                    int length = ids[members[s]].length;
                    int[] p = new int[length];
                    for (int t = 0; t < length; t++) {
                        int row = (t * batch + s) * n;
                        int arg = 0;
                        for (int c = 1; c < n; c++) {
                            if (logits[row + c] > logits[row + arg]) {
                                arg = c;
                            }
                        }
                        p[t] = arg;
                    }
                    out[members[s]] = p;
                }
            }
        }
        return out;
    }

    /**
     * Tags {@code test} and scores the tags against its gold ones.
     *
     * @throws DataFileException when a sentence has no tags or a tag unseen in training
     */
    public TaggingReport evaluate(List<TaggedSentence> test) throws DataFileException {
        if (test == null || test.isEmpty()) {
            throw new IllegalArgumentException("there are no sentences to evaluate");
        }
        int[][] gold = encodeTags(tags, test);
        long start = System.nanoTime();
        int[][] predicted = predictIds(encodeWords(words, test));
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        long tokens = 0;
        long correct = 0;
        long unknown = 0;
        long unknownCorrect = 0;
        List<List<String>> goldTags = new ArrayList<>();
        List<List<String>> predictedTags = new ArrayList<>();
        for (int i = 0; i < gold.length; i++) {
            List<String> p = new ArrayList<>();
            for (int t = 0; t < gold[i].length; t++) {
                boolean ok = gold[i][t] == predicted[i][t];
                tokens++;
                correct += ok ? 1 : 0;
                if (!words.known(test.get(i).words().get(t))) {
                    unknown++;
                    unknownCorrect += ok ? 1 : 0;
                }
                p.add(tags.tag(predicted[i][t]));
            }
            goldTags.add(test.get(i).tags());
            predictedTags.add(p);
        }
        EntityScores entities = EntityScores.appliesTo(tags.tags()) ? EntityScores.of(goldTags, predictedTags) : null;
        return new TaggingReport(test.size(), tokens, correct, unknown, unknownCorrect, entities, predictedTags,
                tokens / seconds);
    }

    /** Writes the tagger as a model folder (atomically): weights, vocabulary, tags, settings. */
    public void save(Path dir) throws IOException {
        ObjectNode extras = JSON.createObjectNode();
        ObjectNode data = extras.putObject("data");
        data.put("task", TASK);
        data.put("lowercase", words.lowercase());
        words.tokens().forEach(data.putArray("words")::add);
        tags.tags().forEach(data.putArray("tags")::add);
        if (training != null) {
            extras.set("training", training);
        }
        ModelFolder.save(dir, model, extras);
    }

    /**
     * Loads a tagger saved by {@link #save}.
     *
     * @throws IOException naming the file and field when the folder is not a tagger or is damaged
     */
    public static Tagger load(Path dir, Backend backend) throws IOException {
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        try {
            JsonNode data = loaded.config().path("data");
            if (!TASK.equals(data.path("task").asText())) {
                throw new IOException(dir.resolve("config.json") + ": not a tagger (data.task is '"
                        + data.path("task").asText() + "', expected '" + TASK + "')");
            }
            List<String> wordList = strings(data.path("words"));
            List<String> tagList = strings(data.path("tags"));
            WordVocabulary vocab;
            TagSet tagSet;
            try {
                vocab = WordVocabulary.of(wordList, data.path("lowercase").asBoolean(false));
                tagSet = TagSet.ofTags(tagList);
            } catch (IllegalArgumentException e) {
                throw new IOException(dir.resolve("config.json") + ": data: " + e.getMessage(), e);
            }
            var in = loaded.model().config().input();
            if (!(in instanceof org.rnn4j.models.encode.InputEncoding.Embedding e) || e.vocabulary() != vocab.size()
                    || loaded.model().config().head().outputSize() != tagSet.size()) {
                throw new IOException(dir.resolve("config.json") + ": data.words (" + vocab.size() + ") and data.tags ("
                        + tagSet.size() + ") do not match the model's input and output sizes");
            }
            JsonNode t = loaded.config().get("training");
            return new Tagger(loaded.model(), vocab, tagSet, t instanceof ObjectNode o ? o : null);
        } catch (IOException | RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The word vocabulary. */
    public WordVocabulary words() {
        return words;
    }

    /** The tag set. */
    public TagSet tags() {
        return tags;
    }

    /** The network. */
    public SequenceModel model() {
        return model;
    }

    /** How it was trained (settings, steps, time), or null when unknown. */
    public ObjectNode training() {
        return training;
    }

    @Override
    public void close() {
        model.close();
    }
}
