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
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.ModelKind;
import org.rnn4j.models.seq.RunState;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * A sequence tagger end to end: word embeddings (with unknown-word signatures), optionally
 * character-level word features (a character BiLSTM per word), a stack of bidirectional LSTM or
 * GRU layers and a softmax per word; trained with Adam on padded, length-masked sentence
 * batches, keeping the weights of the epoch with the best development accuracy (entity F1 for
 * BIO tags); evaluated by token accuracy and conlleval entity scores; saved as a model folder,
 * resumable when training stopped early.
 *
 * <pre>{@code
 * List<TaggedSentence> train = ConllReader.read(trainFile, ConllFormat.CONLLU, "upos");
 * List<TaggedSentence> dev = ConllReader.read(devFile, ConllFormat.CONLLU, "upos");
 * TaggerSettings settings = TaggerSettings.defaults().withCharacters(CharacterFeatures.defaults());
 * try (Tagger tagger = Tagger.train(train, dev, settings, backend)) {
 *     System.out.println(tagger.evaluate(dev).accuracy());
 *     System.out.println(tagger.predict(List.of("Jon", "gave", "lectures")));
 *     tagger.saveCheckpoint(Path.of("out/pos.model"));     // or save(...): weights only
 * }
 * try (Tagger more = Tagger.resume(Path.of("out/pos.model"), train, dev, 5, null, backend)) {
 *     more.saveCheckpoint(Path.of("out/pos.model"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one call at a time.
 */
public final class Tagger implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SequenceModel model;
    private final WordVocabulary words;
    private final CharacterVocabulary chars;
    private final TagSet tags;
    private final ObjectNode training;
    private final RunState run;

    private Tagger(SequenceModel model, WordVocabulary words, CharacterVocabulary chars, TagSet tags,
                   ObjectNode training, RunState run) {
        this.model = model;
        this.words = words;
        this.chars = chars;
        this.tags = tags;
        this.training = training;
        this.run = run;
    }

    /**
     * Trains a tagger on {@code train}, choosing the epoch by its accuracy (entity F1 for BIO
     * tags) on {@code dev} (may be null or empty: then the last epoch's weights are kept). A
     * listener may stop the run early ({@link TrainingListener#stopRequested()}, e.g. on Ctrl-C):
     * the tagger then holds the best weights so far, and {@link #saveCheckpoint} saves what
     * {@link #resume} needs to continue.
     *
     * @throws DataFileException when {@code dev} holds a tag that {@code train} does not
     */
    public static Tagger train(List<TaggedSentence> train, List<TaggedSentence> dev, TaggerSettings settings,
                               Backend backend, TrainingListener... listeners) throws DataFileException {
        if (train == null || train.isEmpty()) {
            throw new IllegalArgumentException("there are no training sentences");
        }
        WordVocabulary vocab = WordVocabulary.build(train, settings.lowercase(), settings.minCount());
        CharacterFeatures cf = settings.characters();
        CharacterVocabulary charVocab = cf == null ? null : CharacterVocabulary.build(train, cf.minCount());
        TagSet tagSet = TagSet.of(train);
        SequenceModelBuilder builder = Models.sequenceTagger(vocab.size(), tagSet.size())
                .embedding(settings.embedding());
        if (cf != null) {
            builder.characters(charVocab.size(), cf.embedding(), cf.hidden(), cf.maxWordLength());
        }
        for (int k = 0; k < settings.layers(); k++) {
            if (settings.cell().equals("gru")) {
                builder.biGru(settings.hidden());
            } else {
                builder.biLstm(settings.hidden());
            }
        }
        SequenceModel model = builder.dropout(settings.dropout()).inputDropout(settings.inputDropout())
                .create(backend, settings.seed());
        try {
            return fit(model, vocab, charVocab, tagSet, settings, train, dev, null, listeners);
        } catch (RuntimeException | DataFileException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Continues the training run saved by {@link #saveCheckpoint} in {@code dir}, on the same
     * training and development sentences, exactly where it stopped: same batches, same dropout,
     * same optimiser state, same choice of the best epoch so far. With {@code moreEpochs > 0}
     * it trains that many epochs beyond those done (and early stopping starts counting afresh);
     * with 0 it goes on to the run's own epoch budget.
     *
     * @param maxTime wall-time budget of this continuation, or null for none
     * @throws IOException              when the folder is not a resumable tagger checkpoint
     * @throws IllegalArgumentException when the sentences are not those the run was trained on,
     *                                  or the run has nothing left to do
     * @throws DataFileException        when {@code dev} holds a tag that the model does not know
     */
    public static Tagger resume(Path dir, List<TaggedSentence> train, List<TaggedSentence> dev, int moreEpochs,
                                java.time.Duration maxTime, Backend backend, TrainingListener... listeners)
            throws IOException, DataFileException {
        if (moreEpochs < 0) {
            throw new IllegalArgumentException("more epochs must be >= 0, got " + moreEpochs);
        }
        Tagger saved = load(dir, backend);
        try {
            Path config = dir.resolve("config.json");
            if (saved.run == null || saved.training == null || !saved.training.has("embedding")) {
                throw new IOException(dir + " holds a tagger without its training state (optimizer.safetensors,"
                        + " trainer.json and training.settings in config.json); only a checkpoint saved by"
                        + " tag train can be resumed");
            }
            TaggerSettings settings;
            try {
                settings = settingsFrom(saved.training);
            } catch (IllegalArgumentException e) {
                throw new IOException(config + ": training.settings: " + e.getMessage(), e);
            }
            if (train == null || train.isEmpty()) {
                throw new IllegalArgumentException("there are no training sentences");
            }
            checkSame("training", train, saved.training.path("train_fingerprint").asText(),
                    saved.training.path("train_sentences").asLong());
            checkSame("development", dev, saved.training.path("dev_fingerprint").asText(""),
                    saved.training.path("dev_sentences").asLong());
            String stop = saved.training.path("stop_reason").asText("");
            long epochsDone = saved.run.trainer().epoch();
            if (moreEpochs > 0) {
                settings = settings.withEpochs((int) Math.min(Integer.MAX_VALUE, epochsDone + moreEpochs));
            } else if (stop.equals("early_stopping") || epochsDone >= settings.epochs()) {
                throw new IllegalArgumentException("the run saved in " + dir + " has finished (" + stop.replace('_', ' ')
                        + " after " + epochsDone + " epochs); ask for more epochs to continue it");
            }
            settings = settings.withMaxTime(maxTime);
            // The saved vocabulary lacks which words were seen once (word dropout replaces them):
            // the same sentences and settings rebuild it with those marks.
            WordVocabulary vocab = WordVocabulary.build(train, settings.lowercase(), settings.minCount());
            if (!vocab.tokens().equals(saved.words.tokens())) {
                throw new IllegalArgumentException("the training sentences give another vocabulary than the one saved in "
                        + dir + " (" + vocab.size() + " against " + saved.words.size() + " words); was the system"
                        + " property rnn4j.tagger.fineMinimum changed?");
            }
            Resumed from = new Resumed(saved.run, saved.training, moreEpochs > 0);
            Tagger out = fit(saved.model, vocab, saved.chars, saved.tags, settings, train, dev, from, listeners);
            saved = null;   // the model now belongs to the returned tagger
            return out;
        } finally {
            if (saved != null) {
                saved.close();
            }
        }
    }

    /** What a resumed run carries over. */
    private record Resumed(RunState run, ObjectNode training, boolean moreEpochs) {
    }

    private static void checkSame(String what, List<TaggedSentence> sentences, String fingerprint, long count) {
        String now = sentences == null || sentences.isEmpty() ? "" : fingerprint(sentences);
        if (!now.equals(fingerprint)) {
            int n = sentences == null ? 0 : sentences.size();
            throw new IllegalArgumentException("the " + what + " sentences (" + n + ") are not those the run was trained"
                    + " with (" + count + " sentences); resume with the same " + what + " file");
        }
    }

    /** A 64-bit FNV-1a hash of every word and tag, in order: the same sentences give the same string. */
    static String fingerprint(List<TaggedSentence> sentences) {
        long h = 0xcbf29ce484222325L;
        for (TaggedSentence s : sentences) {
            for (int i = 0; i < s.size(); i++) {
                h = mix(mix(h, s.words().get(i)), s.tagged() ? s.tags().get(i) : "");
            }
            h = mix(h, "\n");
        }
        return Long.toHexString(h);
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return (h ^ 0x1f) * 0x100000001b3L;
    }

    private static Tagger fit(SequenceModel model, WordVocabulary vocab, CharacterVocabulary charVocab, TagSet tagSet,
                              TaggerSettings settings, List<TaggedSentence> train, List<TaggedSentence> dev,
                              Resumed from, TrainingListener... listeners) throws DataFileException {
        int maxWordLength = maxWordLength(model);
        EncodedSentences trainIn = encode(vocab, charVocab, maxWordLength, train);
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
        SentenceBatches batches = SentenceBatches.training(trainIn.words(), trainTags, unknown, vocab, settings.batch(),
                settings.wordDropout(), settings.seed());
        if (trainIn.characters() != null) {
            batches.withCharacters(trainIn.characters(), maxWordLength);
        }
        int maxSteps = batches.maxSteps();
        EncodedSentences devIn = null;
        int[][] devTags = null;
        if (dev != null && !dev.isEmpty()) {
            devIn = encode(vocab, charVocab, maxWordLength, dev);
            devTags = encodeTags(tagSet, dev);
        }
        var optimizer = Optimizers.discover().create("adam", Map.of());
        Trainer.Builder tb = Trainer.builder(optimizer)
                .schedule(LearningRateSchedule.constant(settings.learningRate()))
                .clipping(settings.clip() > 0 ? GradientClipping.byNorm(settings.clip()) : GradientClipping.none())
                .maxEpochs(settings.epochs());
        if (settings.maxTime() != null) {
            tb.maxTime(settings.maxTime());
        }
        Trainer trainer = tb.build();
        TrainingResult result;
        long started = System.nanoTime();
        DevSelection selection = null;
        float[] last = new float[model.parameters().size()];
        try (SequenceSession session = model.session(maxSteps, settings.batch(), false)) {
            TrainingListener[] all = listeners;
            if (devIn != null) {
                selection = new DevSelection(model, tagSet, devIn, devTags, settings.patience(), listeners);
                all = new TrainingListener[listeners.length + 1];
                all[0] = selection;
                System.arraycopy(listeners, 0, all, 1, listeners.length);
            }
            if (from != null) {
                RunState r = from.run();
                if (selection != null) {
                    // The folder's weights are the best epoch's (or the run's own before any was scored).
                    JsonNode sel = from.training().path("selection");
                    double best = sel.path("best_score").asDouble(-1);
                    float[] bestWeights = best >= 0 ? model.parameters().snapshot() : null;
                    selection.restore(best, sel.path("best_epoch").asLong(), from.moreEpochs() ? 0
                            : sel.path("stale_epochs").asInt(), bestWeights);
                }
                model.parameters().restore(r.weights());
                trainer.resume(r.optimizer(), r.trainer());
            }
            // No validation LOSS: the epoch is chosen by the dev metric itself (accuracy, or
            // entity F1 for BIO tags), which keeps improving long after the loss turns up
            // through over-confidence, and which for entities is what matters, not the O tokens.
            result = trainer.fit(session, batches, null, all);
            model.parameters().snapshotInto(last);
            if (selection != null) {
                selection.restoreBest();
            }
        }
        RunState runState = new RunState(optimizer.state(), trainer.state(), last);
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
        if (selection != null) {
            record.putObject("selection").put("best_score", selection.bestScore())
                    .put("best_epoch", selection.bestEpoch()).put("stale_epochs", selection.staleEpochs());
        }
        double before = from == null ? 0 : from.training().path("seconds").asDouble(0);
        record.put("seconds", before + (System.nanoTime() - started) / 1e9);
        record.put("train_sentences", train.size());
        record.put("train_fingerprint", fingerprint(train));
        if (train.get(0).source() != null) {
            record.put("train_source", train.get(0).source());
        }
        if (devIn != null) {
            record.put("dev_sentences", dev.size());
            record.put("dev_fingerprint", fingerprint(dev));
            if (dev.get(0).source() != null) {
                record.put("dev_source", dev.get(0).source());
            }
        }
        return new Tagger(model, vocab, charVocab, tagSet, record, runState);
    }

    private static int maxWordLength(SequenceModel model) {
        return model.config().input() instanceof InputEncoding.WordsAndCharacters w ? w.maxWordLength() : 0;
    }

    private static EncodedSentences encode(WordVocabulary vocab, CharacterVocabulary charVocab, int maxWordLength,
                                           List<TaggedSentence> sentences) {
        List<List<String>> words = new ArrayList<>(sentences.size());
        sentences.forEach(s -> words.add(s.words()));
        return encodeWords(vocab, charVocab, maxWordLength, words);
    }

    private static EncodedSentences encodeWords(WordVocabulary vocab, CharacterVocabulary charVocab,
                                                int maxWordLength, List<List<String>> sentences) {
        int[][] ids = new int[sentences.size()][];
        int[][][] charIds = charVocab == null ? null : new int[sentences.size()][][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocab.encode(sentences.get(i));
            if (charIds != null) {
                charIds[i] = charVocab.encode(sentences.get(i), maxWordLength);
            }
        }
        return new EncodedSentences(ids, charIds, charVocab == null ? 0 : maxWordLength);
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
        if (s.inputDropout() > 0) {
            n.put("input_dropout", s.inputDropout());
        }
        CharacterFeatures c = s.characters();
        if (c != null) {
            n.putObject("characters").put("embedding", c.embedding()).put("hidden", c.hidden())
                    .put("max_word_length", c.maxWordLength()).put("min_count", c.minCount());
        }
        return n;
    }

    /** The settings {@link #settingsJson} wrote (without the time budget, which is per run). */
    private static TaggerSettings settingsFrom(JsonNode n) {
        for (String field : List.of("embedding", "hidden", "layers", "cell", "dropout", "min_count", "word_dropout",
                "batch", "lr", "clip", "epochs", "patience", "seed")) {
            if (!n.hasNonNull(field)) {
                throw new IllegalArgumentException("field '" + field + "' is missing");
            }
        }
        JsonNode c = n.path("characters");
        CharacterFeatures chars = c.isObject() ? new CharacterFeatures(c.path("embedding").asInt(),
                c.path("hidden").asInt(), c.path("max_word_length").asInt(), c.path("min_count").asInt()) : null;
        return new TaggerSettings(n.get("embedding").asInt(), n.get("hidden").asInt(), n.get("layers").asInt(),
                n.get("cell").asText(), (float) n.get("dropout").asDouble(), n.path("lowercase").asBoolean(),
                n.get("min_count").asInt(), n.get("word_dropout").asDouble(), n.get("batch").asInt(),
                n.get("lr").asDouble(), n.get("clip").asDouble(), n.get("epochs").asInt(), null,
                n.get("patience").asInt(), n.get("seed").asLong(), chars, (float) n.path("input_dropout").asDouble(0));
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
        for (int i = 0; i < sentences.size(); i++) {
            if (sentences.get(i).isEmpty()) {
                throw new IllegalArgumentException("sentence " + (i + 1) + " is empty; a sentence needs a word");
            }
        }
        int[][] predicted = predictIds(model, tags.size(), encodeWords(words, chars, maxWordLength(model), sentences));
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

    /** The argmax tag ids of every sentence. */
    static int[][] predictIds(SequenceModel model, int n, EncodedSentences sentences) {
        int[][] ids = sentences.words();
        int[][] out = new int[ids.length][];
        if (ids.length == 0) {
            return out;
        }
        int batch = Math.min(64, ids.length);
        SentenceBatches source = sentences.inOrder(batch);
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
        int[][] predicted = predictIds(model, tags.size(), encode(words, chars, maxWordLength(model), test));
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

    /** Writes the tagger as a model folder (atomically): weights, vocabularies, tags, settings. */
    public void save(Path dir) throws IOException {
        ModelFolder.save(dir, model, extras());
    }

    /**
     * Writes the tagger as a model folder that {@link #resume} can continue: beside the weights
     * (the best epoch's), the optimiser state, the trainer's progress and the weights of the
     * run's last step. Only a tagger that was trained (or resumed) in this process has them.
     *
     * @throws IllegalStateException when the tagger was loaded rather than trained
     */
    public void saveCheckpoint(Path dir) throws IOException {
        if (run == null) {
            throw new IllegalStateException("this tagger was loaded, not trained here: it has no training state to"
                    + " save; use save(dir)");
        }
        ModelFolder.saveCheckpoint(dir, model, extras(), run);
    }

    /** Whether {@link #saveCheckpoint} can save the training state. */
    public boolean resumable() {
        return run != null;
    }

    private ObjectNode extras() {
        ObjectNode extras = JSON.createObjectNode();
        ObjectNode data = extras.putObject("data");
        data.put("task", ModelKind.TAGGER.task());
        data.put("lowercase", words.lowercase());
        words.tokens().forEach(data.putArray("words")::add);
        tags.tags().forEach(data.putArray("tags")::add);
        if (chars != null) {
            chars.codePoints().forEach(data.putArray("characters")::add);
        }
        if (training != null) {
            extras.set("training", training);
        }
        return extras;
    }

    /**
     * Loads a tagger saved by {@link #save} or {@link #saveCheckpoint} (then {@link #resumable()}).
     *
     * @throws IOException naming the file and field when the folder is not a tagger or is damaged
     */
    public static Tagger load(Path dir, Backend backend) throws IOException {
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        try {
            Path config = dir.resolve("config.json");
            JsonNode data = loaded.config().path("data");
            ModelKind kind = ModelKind.of(loaded.config());
            if (kind != ModelKind.TAGGER) {
                throw new IOException(dir + " is " + kind.description() + ", not a tagger");
            }
            List<String> wordList = strings(data.path("words"));
            List<String> tagList = strings(data.path("tags"));
            WordVocabulary vocab;
            TagSet tagSet;
            try {
                vocab = WordVocabulary.of(wordList, data.path("lowercase").asBoolean(false));
                tagSet = TagSet.ofTags(tagList);
            } catch (IllegalArgumentException e) {
                throw new IOException(config + ": data: " + e.getMessage(), e);
            }
            var in = loaded.model().config().input();
            int inputWords = in instanceof InputEncoding.Embedding e ? e.vocabulary()
                    : in instanceof InputEncoding.WordsAndCharacters w ? w.vocabulary() : -1;
            if (inputWords != vocab.size() || loaded.model().config().head().outputSize() != tagSet.size()) {
                throw new IOException(config + ": data.words (" + vocab.size() + ") and data.tags ("
                        + tagSet.size() + ") do not match the model's input and output sizes");
            }
            CharacterVocabulary charVocab = null;
            if (in instanceof InputEncoding.WordsAndCharacters w) {
                JsonNode cps = data.path("characters");
                if (!cps.isArray()) {
                    throw new IOException(config + ": data.characters is missing; the model reads characters, so the"
                            + " folder must list them");
                }
                List<Integer> codePoints = new ArrayList<>();
                for (JsonNode c : cps) {
                    if (!c.canConvertToInt()) {
                        throw new IOException(config + ": data.characters must hold code points (whole numbers), got "
                                + c);
                    }
                    codePoints.add(c.asInt());
                }
                try {
                    charVocab = CharacterVocabulary.of(codePoints);
                } catch (IllegalArgumentException e) {
                    throw new IOException(config + ": data.characters: " + e.getMessage(), e);
                }
                if (charVocab.size() != w.characters()) {
                    throw new IOException(config + ": data.characters (" + charVocab.size() + " with the unknown"
                            + " character) does not match the model's " + w.characters() + " character ids");
                }
            }
            JsonNode t = loaded.config().get("training");
            ObjectNode training = t instanceof ObjectNode o ? o : null;
            RunState run = loaded.runState().orElse(null);
            return new Tagger(loaded.model(), vocab, charVocab, tagSet, training, run);
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

    /** The character vocabulary of the character features, or null when the model has none. */
    public CharacterVocabulary characters() {
        return chars;
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
