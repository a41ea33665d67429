package io.dgating.bench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** How reports write the numbers of measurements. */
public final class ReportValues {

    private ReportValues() {}

    /**
     * Formats a speed-up; an infinite one means the compact model is a constant (no multiply-adds left).
     *
     * @param s the speed-up
     * @return e.g. {@code 3.14x} or {@code const}
     */
    public static String speedup(double s) {
        return Double.isInfinite(s) ? "const" : String.format(Locale.ROOT, "%.2fx", s);
    }

    /**
     * Puts a number, or null when it is NaN or infinite (JSON has neither).
     *
     * @param o the object
     * @param field the field
     * @param v the value
     */
    public static void finite(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
