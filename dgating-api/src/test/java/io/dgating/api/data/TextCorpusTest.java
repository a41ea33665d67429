package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Character vocabulary, windows whose targets are the next characters, contiguous splits, and bad files. */
class TextCorpusTest {

    @TempDir
    Path dir;

    @Test
    void windowsPredictTheNextCharacterAtEveryPosition() {
        String text = "abcabcabcab\ncdé-abcabc";
        TextCorpus c = TextCorpus.of("t", text);
        assertEquals(List.of("\n", "-", "a", "b", "c", "d", "é"), c.vocabulary(), "code-point order");
        DatasetSplits s = c.splits(3, 0.25, 0.2);
        Dataset train = s.train();
        assertEquals(3, train.targetsPerRow());
        assertEquals(7, train.classes());
        // a window is rebuilt from its ids, and every target is the character after its position
        for (int r = 0; r < train.rows(); r++) {
            for (int t = 0; t < 3; t++) {
                int at = r * 3 + t;
                assertEquals(
                        text.charAt(at),
                        c.vocabulary().get((int) train.feature(r, t)).charAt(0));
                assertEquals(
                        text.charAt(at + 1),
                        c.vocabulary().get((int) train.target(r, t)).charAt(0));
            }
        }
        // 22 characters: train 0..11 (3 windows of 3, plus the last target), validation 12..17, test 18..21
        assertEquals(3, train.rows());
        assertEquals(1, s.validation().rows());
        assertEquals(1, s.test().rows());
        assertEquals(
                text.charAt(12),
                c.vocabulary().get((int) s.validation().feature(0, 0)).charAt(0),
                "validation starts where training ends: contiguous parts, no shared window");
        assertEquals(0.0, s.standardization().mean()[0]);
        assertEquals(1.0, s.standardization().scale()[0], "token ids are not standardised");
        assertTrue(s.standardized() == s, "standardising windows of ids changes nothing");
    }

    @Test
    void badTextsAreNamed() throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "");
        Path one = dir.resolve("one.txt");
        Files.writeString(one, "aaaa");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(
                "empty.txt: file is empty",
                assertThrows(InvalidDataException.class, () -> TextCorpus.read(empty))
                        .getMessage());
        assertTrue(assertThrows(InvalidDataException.class, () -> TextCorpus.read(one))
                .getMessage()
                .contains("only one distinct character"));
        assertTrue(assertThrows(InvalidDataException.class, () -> TextCorpus.read(latin1))
                .getMessage()
                .contains("latin1.txt: is not UTF-8 text"));
        assertTrue(assertThrows(InvalidDataException.class, () -> TextCorpus.read(dir.resolve("none.txt")))
                .getMessage()
                .contains("none.txt: file not found"));
        TextCorpus shortText = TextCorpus.of("short", "abcdefghij");
        assertEquals(
                "short/validation: 2 characters hold no window of 4 (plus its next character); use a longer text or "
                        + "a shorter context",
                assertThrows(IllegalArgumentException.class, () -> shortText.splits(4, 0.2, 0.2))
                        .getMessage());
    }
}
