package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.models.data.DataFileException;

/** Reading CoNLL-U and CoNLL slices of the real data, and refusing malformed files with file:line. */
class ConllReaderTest {

    @TempDir
    Path tmp;

    static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(ConllReaderTest.class.getResourceAsStream("/tagging/" + name), p);
        return p;
    }

    @Test
    void readsUdEwtSkippingMultiwordRangesAndEmptyNodes() throws IOException {
        List<TaggedSentence> s = ConllReader.read(resource(tmp, "ewt-train-slice.conllu"), ConllFormat.CONLLU, "upos");
        assertThat(s).hasSize(63);
        assertThat(s.get(0).words()).startsWith("Al", "-", "Zaman", ":");
        assertThat(s.get(0).tags()).startsWith("PROPN", "PUNCT", "PROPN", "PUNCT");
        assertThat(s.get(0).line()).isEqualTo(5);
        // "don't" (a 19-20 range) is tagged as its two syntactic words "do" and "n't".
        assertThat(s.stream().flatMap(x -> x.words().stream())).contains("do", "n't").doesNotContain("don't", "reported_");
        assertThat(s.stream().flatMap(x -> x.tags().stream()).distinct()).allMatch(t -> t.matches("[A-Z]+"));
        List<TaggedSentence> xpos = ConllReader.read(tmp.resolve("ewt-train-slice.conllu"), ConllFormat.CONLLU, "xpos");
        assertThat(xpos.get(0).tags()).startsWith("NNP", "HYPH", "NNP");
    }

    @Test
    void readsWnutWithTabOnlyBoundaries() throws IOException {
        List<TaggedSentence> s = ConllReader.read(resource(tmp, "wnut17-train-slice.conll"), ConllFormat.CONLL, null);
        assertThat(s).hasSize(60);
        assertThat(s.get(0).words()).contains("Empire", "State", "Building");
        assertThat(s.get(0).tags()).contains("B-location", "I-location");
        assertThat(s.stream().flatMap(x -> x.tags().stream())).noneMatch(String::isEmpty);
    }

    private DataFileException fails(String content, ConllFormat format) throws IOException {
        Path f = tmp.resolve("bad.txt");
        Files.writeString(f, content);
        try {
            ConllReader.read(f, format, null);
        } catch (DataFileException e) {
            return e;
        }
        throw new AssertionError("no error for " + content);
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        String ok = "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n";
        DataFileException columns = fails(ok + "2\tran\trun\tVERB\tVBD\t_\t0\troot\t_\n\n", ConllFormat.CONLLU);
        assertThat(columns.getMessage()).endsWith("bad.txt:2: expected 10 tab-separated columns (CoNLL-U), found 9");
        assertThat(columns.line()).isEqualTo(2);
        assertThat(fails(ok + "3\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n", ConllFormat.CONLLU).getMessage())
                .contains("bad.txt:2: word ID 3 out of order; expected 2");
        assertThat(fails(ok + "x\tran\trun\tVERB\tVBD\t_\t0\troot\t_\t_\n", ConllFormat.CONLLU).getMessage())
                .contains("bad.txt:2: ID 'x' is not a word number");
        assertThat(fails(ok + "2\tran\trun\t_\tVBD\t_\t0\troot\t_\t_\n", ConllFormat.CONLLU).getMessage())
                .contains("bad.txt:2: word 2 ('ran') has no tag in column 4 (UPOS)");
        assertThat(fails("# sent_id = 1\n# text = \n\n" + ok, ConllFormat.CONLLU).getMessage())
                .contains("bad.txt:3: empty sentence");
        assertThat(fails("He\tO\nran\n", ConllFormat.CONLL).getMessage())
                .contains("bad.txt:2: expected a word and a tag separated by whitespace, found 'ran'");
        assertThat(fails("\n\n  \n", ConllFormat.CONLL).getMessage()).contains("bad.txt: contains no sentences");
        assertThat(fails("He O\n", ConllFormat.CONLLU).getMessage()).contains("is this a CoNLL file?");
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() throws IOException {
        Path f = tmp.resolve("latin1.conll");
        Files.write(f, new byte[] {'a', '\t', 'O', '\n', 'c', (byte) 0xE9, '\t', 'O', '\n'});
        assertThatThrownBy(() -> ConllReader.read(f, ConllFormat.CONLL, null)).isInstanceOf(DataFileException.class)
                .hasMessageContaining("latin1.conll").hasMessageContaining("not valid UTF-8");
    }

    @Test
    void tagsUnseenInTrainingAreRefusedWithTheirPlace() throws IOException {
        Path f = tmp.resolve("test.conll");
        Files.writeString(f, "Jon\tB-person\n\nParis\tB-city\nis\tO\n");
        List<TaggedSentence> test = ConllReader.read(f, ConllFormat.CONLL, null);
        TagSet tags = TagSet.of(List.of(TaggedSentence.of(List.of("Jon", "ran"), List.of("B-person", "O"))));
        assertThatThrownBy(() -> tags.encode(test.get(1))).isInstanceOf(DataFileException.class)
                .hasMessageContaining("test.conll:3:").hasMessageContaining("tag 'B-city'")
                .hasMessageContaining("not seen in training");
    }
}
