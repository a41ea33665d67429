package io.dgating.api.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a numeric table from CSV (plain or {@code .gz}) into a {@link Dataset}.
 *
 * <p>Every feature cell must be a finite number, except in categorical columns
 * ({@link #withCategorical}, {@link #withAutoCategorical}): those become one 0/1 indicator feature
 * per category (categories sorted, named {@code column=category}; a missing value is all zeros),
 * recorded in the dataset's {@link CategoricalEncoding}. The label column may hold numbers or, for
 * classification, any strings (they become class names, sorted). Problems are reported as
 * {@link InvalidDataException} naming file, line and column: a ragged row, a non-numeric or
 * missing cell, an empty file, a file with a header and no rows, a label column that does
 * not exist. Blank lines are skipped. Fields may be double-quoted.
 */
public final class CsvReader {

    /** Whether the first line holds column names. */
    public enum Header {
        /** Yes. */
        YES,
        /** No: columns are named {@code x0, x1, ...}. */
        NO,
        /** Yes when any cell of the first line outside the label column is not a number. */
        AUTO
    }

    private final char delimiter;
    private final Header header;
    private final String label;
    private final Task task;
    private final Set<String> categorical;
    private final boolean autoCategorical;

    private CsvReader(
            char delimiter, Header header, String label, Task task, Set<String> categorical, boolean autoCategorical) {
        this.delimiter = delimiter;
        this.header = header;
        this.label = label;
        this.task = task;
        this.categorical = Set.copyOf(categorical);
        this.autoCategorical = autoCategorical;
    }

    /**
     * Returns this reader with the named columns read as categorical.
     *
     * @param columns header names of the columns
     * @return a new reader
     */
    public CsvReader withCategorical(Collection<String> columns) {
        return new CsvReader(delimiter, header, label, task, new HashSet<>(columns), false);
    }

    /**
     * Returns this reader with every column that holds a value other than a number or a missing
     * marker read as categorical.
     *
     * @return a new reader
     */
    public CsvReader withAutoCategorical() {
        return new CsvReader(delimiter, header, label, task, Set.of(), true);
    }

    /**
     * Returns a reader with the given options.
     *
     * @param label the label column: a header name, or a 0-based index (negative counts from
     *     the end, {@code -1} is the last column)
     * @param task classification or regression
     * @param header whether the first line is a header
     * @param delimiter the field separator
     * @return the reader
     */
    public static CsvReader of(String label, Task task, Header header, char delimiter) {
        return new CsvReader(delimiter, header, label, task, Set.of(), false);
    }

    /**
     * Returns a comma-separated reader with header auto-detection.
     *
     * @param label the label column (name or index)
     * @param task classification or regression
     * @return the reader
     */
    public static CsvReader of(String label, Task task) {
        return of(label, task, Header.AUTO, ',');
    }

    /**
     * Reads a file; names ending in {@code .gz} are decompressed.
     *
     * @param file the CSV file
     * @return the dataset, named after the file
     * @throws InvalidDataException if the file is missing or malformed
     * @throws UncheckedIOException on other I/O failures
     */
    public Dataset read(Path file) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(source, 0, null, "is a directory, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            InputStream body = source.endsWith(".gz") ? new GZIPInputStream(in) : in;
            String name =
                    file.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.csv$", "");
            return read(body, source, name);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(source, 0, null, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from a stream (not closed).
     *
     * @param in the bytes, UTF-8
     * @param source the name used in error messages
     * @param name the dataset's name
     * @return the dataset
     */
    public Dataset read(InputStream in, String source, String name) {
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            List<Long> lineNumbers = new ArrayList<>();
            long lineNo = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                rows.add(split(line, source, lineNo));
                lineNumbers.add(lineNo);
            }
            if (rows.isEmpty()) {
                throw new InvalidDataException(source, 0, null, "file is empty");
            }
            return parse(rows, lineNumbers, source, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private Dataset parse(List<String[]> rows, List<Long> lineNumbers, String source, String name) {
        int width = rows.get(0).length;
        if (width < 2) {
            throw new InvalidDataException(
                    source,
                    lineNumbers.get(0),
                    null,
                    "needs at least two columns (features and a label), found " + width
                            + (delimiter == ',' ? "; is the file comma-separated?" : ""));
        }
        int labelCol = resolveLabel(rows.get(0), width, source, lineNumbers.get(0));
        boolean hasHeader = switch (header) {
            case YES -> true;
            case NO -> false;
            case AUTO -> looksLikeHeader(rows.get(0), labelCol);
        };
        int first = hasHeader ? 1 : 0;
        int n = rows.size() - first;
        if (n == 0) {
            throw new InvalidDataException(source, 0, null, "has a header but no data rows");
        }
        for (int r = first; r < rows.size(); r++) {
            if (rows.get(r).length != width) {
                throw new InvalidDataException(
                        source,
                        lineNumbers.get(r),
                        null,
                        "has " + rows.get(r).length + " fields, expected " + width + " like line "
                                + lineNumbers.get(0));
            }
        }
        // per column: null for numeric, else its sorted categories
        List<List<String>> cats = new CsvCategories(categorical, autoCategorical)
                .of(rows, first, width, labelCol, hasHeader ? trimmed(rows.get(0)) : null, source, lineNumbers.get(0));
        List<String> names = new ArrayList<>();
        List<CategoricalEncoding.Column> encoded = new ArrayList<>();
        int[] featureOf = new int[width];
        for (int c = 0; c < width; c++) {
            featureOf[c] = names.size();
            if (c == labelCol) {
                continue;
            }
            String col = hasHeader ? rows.get(0)[c].trim() : "x" + c;
            if (cats.get(c) == null) {
                names.add(hasHeader ? col : "x" + names.size());
            } else {
                encoded.add(new CategoricalEncoding.Column(col, names.size(), cats.get(c)));
                for (String v : cats.get(c)) {
                    names.add(col + "=" + v);
                }
            }
        }
        int cols = names.size();
        float[] x = new float[n * cols];
        String[] rawLabels = new String[n];
        for (int r = 0; r < n; r++) {
            String[] cells = rows.get(r + first);
            long line = lineNumbers.get(r + first);
            for (int c = 0; c < width; c++) {
                if (c == labelCol) {
                    rawLabels[r] = cells[c].trim();
                    if (CsvCells.MISSING.contains(rawLabels[r].toLowerCase(Locale.ROOT))) {
                        throw new InvalidDataException(
                                source,
                                line,
                                columnName(hasHeader, rows.get(0), c),
                                "missing label value '" + rawLabels[r] + "'");
                    }
                } else if (cats.get(c) == null) {
                    x[r * cols + featureOf[c]] =
                            CsvCells.number(cells[c], source, line, columnName(hasHeader, rows.get(0), c));
                } else {
                    int i = cats.get(c).indexOf(cells[c].trim());
                    if (i >= 0) {
                        x[r * cols + featureOf[c] + i] = 1f;
                    }
                }
            }
        }
        float[] y = new float[n];
        List<String> classNames;
        if (task == Task.REGRESSION) {
            for (int r = 0; r < n; r++) {
                y[r] = CsvCells.number(
                        rawLabels[r], source, lineNumbers.get(r + first), columnName(hasHeader, rows.get(0), labelCol));
            }
            classNames = List.of();
        } else {
            classNames = CsvCells.classNames(rawLabels);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < classNames.size(); i++) {
                index.put(classNames.get(i), i);
            }
            for (int r = 0; r < n; r++) {
                y[r] = index.get(CsvCells.canonical(rawLabels[r]));
            }
        }
        Dataset d = new Dataset(name, n, cols, x, y, task, names, classNames);
        return encoded.isEmpty() ? d : d.withEncoding(new CategoricalEncoding(encoded, cols));
    }

    private int resolveLabel(String[] first, int width, String source, long line) {
        int byName = labelColByName(first);
        if (byName >= 0) {
            return byName;
        }
        if (isIndex(label)) {
            int i = Integer.parseInt(label.trim());
            int col = i < 0 ? width + i : i;
            if (col < 0 || col >= width) {
                throw new InvalidDataException(
                        source,
                        line,
                        label,
                        "label column index out of range: the file has " + width + " columns (0.." + (width - 1)
                                + ", or -1 for the last)");
            }
            return col;
        }
        throw new InvalidDataException(
                source, line, label, "no such label column; the header has " + String.join(", ", trimmed(first)));
    }

    private int labelColByName(String[] first) {
        for (int c = 0; c < first.length; c++) {
            if (first[c].trim().equals(label)) {
                return c;
            }
        }
        return -1;
    }

    private static boolean isIndex(String s) {
        return s.trim().matches("-?\\d+");
    }

    private static boolean looksLikeHeader(String[] first, int labelCol) {
        for (int c = 0; c < first.length; c++) {
            if (c != labelCol && !CsvCells.isNumber(first[c])) {
                return true;
            }
        }
        return false;
    }

    private static String columnName(boolean hasHeader, String[] first, int c) {
        return hasHeader ? (c + 1) + " (" + first[c].trim() + ")" : String.valueOf(c + 1);
    }

    private static List<String> trimmed(String[] a) {
        List<String> out = new ArrayList<>();
        for (String s : a) {
            out.add(s.trim());
        }
        return out;
    }

    private String[] split(String line, String source, long lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (ch == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidDataException(source, lineNo, null, "unterminated quoted field");
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }
}
