package io.dgating.api.data;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** What one CSV cell means: a number, a missing value, or a class name in canonical form. */
final class CsvCells {

    /** Cells read as missing, compared in lower case. */
    static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "?", "null", "none");

    private CsvCells() {}

    static boolean isNumber(String s) {
        try {
            Float.parseFloat(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static float number(String cell, String source, long line, String column) {
        String s = cell.trim();
        if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
            throw new InvalidDataException(source, line, column, "missing value" + (s.isEmpty() ? "" : " '" + s + "'"));
        }
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new InvalidDataException(source, line, column, "'" + s + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new InvalidDataException(source, line, column, "'" + s + "' is not a finite float32 number");
        }
        return v;
    }

    /** Numeric labels sort by value and are named canonically ("1.0" and "1" are one class). */
    static List<String> classNames(String[] raw) {
        boolean numeric = true;
        for (String s : raw) {
            numeric &= isNumber(s);
        }
        Set<String> set = numeric ? new TreeSet<>(Comparator.comparingDouble(Double::parseDouble)) : new TreeSet<>();
        for (String s : raw) {
            set.add(canonical(s));
        }
        return List.copyOf(set);
    }

    static String canonical(String s) {
        if (!isNumber(s)) {
            return s;
        }
        double v = Double.parseDouble(s.trim());
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
