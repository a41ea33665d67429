package io.dgating.api.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Which columns of a CSV file {@link CsvReader} reads as categorical, and their categories. */
final class CsvCategories {

    /** Missing markers of categorical cells: "none" is a category there (credit-g's other_parties). */
    private static final Set<String> MISSING_CATEGORY = Set.of("", "na", "n/a", "nan", "?", "null");

    private final Set<String> categorical;
    private final boolean auto;

    CsvCategories(Set<String> categorical, boolean auto) {
        this.categorical = categorical;
        this.auto = auto;
    }

    /**
     * Returns, per column, null for a numeric one or the sorted categories of a categorical one.
     *
     * @param rows the file's rows, header included
     * @param first index of the first data row
     * @param width fields per row
     * @param labelCol the label's column
     * @param header the trimmed header, or null without one
     * @param source file name for errors
     * @param headerLine line number of the first row
     * @return one entry per column
     */
    List<List<String>> of(
            List<String[]> rows,
            int first,
            int width,
            int labelCol,
            List<String> header,
            String source,
            long headerLine) {
        boolean[] isCat = new boolean[width];
        if (!categorical.isEmpty()) {
            if (header == null) {
                throw new InvalidDataException(
                        source,
                        headerLine,
                        null,
                        "categorical columns are named by the header, " + "and this file has none");
            }
            for (String col : categorical) {
                int c = header.indexOf(col);
                if (c < 0) {
                    throw new InvalidDataException(
                            source,
                            headerLine,
                            col,
                            "no such column to read as categorical; the " + "header has " + String.join(", ", header));
                }
                if (c == labelCol) {
                    throw new InvalidDataException(source, headerLine, col, "is the label column, not a feature");
                }
                isCat[c] = true;
            }
        }
        if (auto) {
            for (int r = first; r < rows.size(); r++) {
                for (int c = 0; c < width; c++) {
                    String v = rows.get(r)[c].trim();
                    isCat[c] |= c != labelCol
                            && !CsvCells.isNumber(v)
                            && !CsvCells.MISSING.contains(v.toLowerCase(Locale.ROOT));
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (!isCat[c]) {
                out.add(null);
                continue;
            }
            Set<String> values = new TreeSet<>();
            for (int r = first; r < rows.size(); r++) {
                String v = rows.get(r)[c].trim();
                if (!MISSING_CATEGORY.contains(v.toLowerCase(Locale.ROOT))) {
                    values.add(v);
                }
            }
            out.add(List.copyOf(values));
        }
        return out;
    }
}
