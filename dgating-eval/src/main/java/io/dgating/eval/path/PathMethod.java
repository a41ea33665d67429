package io.dgating.eval.path;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the models of a path are found: trained with D-Gating, or solved directly as a group lasso. */
public enum PathMethod {
    /** Gated training on the engine, one curve per D. */
    D_GATING("d-gating"),
    /**
     * The convex D = 2 problem solved by accelerated proximal gradient
     * ({@link io.dgating.eval.baseline.GroupLassoFit}); gated linear regression only.
     */
    GROUP_LASSO("group-lasso");

    private final String label;

    PathMethod(String label) {
        this.label = label;
    }

    /** Returns the name used on the command line and in reports. */
    public String label() {
        return label;
    }

    /**
     * Parses a label.
     *
     * @param text {@code d-gating} or {@code group-lasso}
     * @return the method
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PathMethod parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.label.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + text + "'; use one of "
                        + Arrays.stream(values()).map(PathMethod::label).collect(Collectors.joining(", "))));
    }
}
