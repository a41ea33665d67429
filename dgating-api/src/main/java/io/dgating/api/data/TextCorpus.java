package io.dgating.api.data;

import io.dgating.api.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A UTF-8 text for a character-level language model: its vocabulary (every distinct character,
 * in code-point order) and the text as token ids.
 *
 * <p>{@link #splits} cuts the text into a contiguous training, validation and test part (in that
 * order, so no window of one part overlaps another) and each part into windows of {@code T}
 * characters, stepping by {@code T}: a window's targets are the next character after each of its
 * positions, so every character of a part is predicted once per epoch.
 */
public final class TextCorpus {

    private final String name;
    private final int[] ids;
    private final List<String> vocabulary;

    private TextCorpus(String name, int[] ids, List<String> vocabulary) {
        this.name = name;
        this.ids = ids;
        this.vocabulary = vocabulary;
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @param file the file
     * @return the corpus
     * @throws InvalidDataException if the file is missing, empty, not UTF-8, or has fewer than two distinct characters
     */
    public static TextCorpus read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file.toString(), 0, null, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(file.toString(), 0, null, "is not UTF-8 text (" + e.getMessage() + ")");
        }
        return of(file.getFileName().toString(), text);
    }

    /**
     * Makes a corpus of a string.
     *
     * @param name a label for messages
     * @param text the text
     * @return the corpus
     * @throws InvalidDataException if the text has fewer than two distinct characters
     */
    public static TextCorpus of(String name, String text) {
        int[] cps = text.codePoints().toArray();
        Map<Integer, Integer> index = new TreeMap<>();
        for (int c : cps) {
            index.put(c, 0);
        }
        if (index.size() < 2) {
            throw new InvalidDataException(
                    name,
                    0,
                    null,
                    cps.length == 0
                            ? "file is empty"
                            : "has only one distinct character; a language model needs at least two");
        }
        List<String> vocab = new ArrayList<>();
        for (var e : index.entrySet()) {
            e.setValue(vocab.size());
            vocab.add(new String(Character.toChars(e.getKey())));
        }
        int[] ids = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            ids[i] = index.get(cps[i]);
        }
        return new TextCorpus(name, ids, List.copyOf(vocab));
    }

    /** {@return the vocabulary: one string per token id, each a single character} */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** {@return the text's length in characters} */
    public int length() {
        return ids.length;
    }

    /**
     * Cuts the text into windows of {@code context} characters with the next character at every position
     * as targets: training windows from the first part, then validation, then test.
     *
     * @param context characters per window
     * @param validationFraction share of the text for validation
     * @param testFraction share of the text for test
     * @return the splits (features are token ids: not standardised)
     * @throws IllegalArgumentException if a part is too short for one window
     */
    public DatasetSplits splits(int context, double validationFraction, double testFraction) {
        if (context < 1) {
            throw new IllegalArgumentException("context must be >= 1, got " + context);
        }
        if (!(validationFraction > 0 && testFraction > 0 && validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("a text needs validation (" + validationFraction + ") and test ("
                    + testFraction + ") fractions > 0 that sum to less than 1");
        }
        int trainEnd = (int) Math.round(ids.length * (1 - validationFraction - testFraction));
        int valEnd = (int) Math.round(ids.length * (1 - testFraction));
        return new DatasetSplits(
                windows(0, trainEnd, context, "/train"),
                windows(trainEnd, valEnd, context, "/validation"),
                windows(valEnd, ids.length, context, "/test"),
                Standardization.identity(context));
    }

    private Dataset windows(int from, int to, int context, String suffix) {
        // a window needs context + 1 characters: its inputs and, one further, its last target
        int rows = (to - from - 1) / context;
        if (rows < 1) {
            throw new IllegalArgumentException(name + suffix + ": " + (to - from) + " characters hold no window of "
                    + context + " (plus its next character); use a longer text or a shorter context");
        }
        float[] x = new float[rows * context];
        float[] y = new float[rows * context];
        for (int r = 0; r < rows; r++) {
            int start = from + r * context;
            for (int t = 0; t < context; t++) {
                x[r * context + t] = ids[start + t];
                y[r * context + t] = ids[start + t + 1];
            }
        }
        List<String> positions = new ArrayList<>();
        for (int t = 0; t < context; t++) {
            positions.add("t" + t);
        }
        return Dataset.sequences(name + suffix, Shape.of(context), rows, x, y, context, positions, vocabulary);
    }
}
