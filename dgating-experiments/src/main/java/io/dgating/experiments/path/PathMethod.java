package io.dgating.experiments.path;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the models of a path are found: trained with D-Gating, solved directly as a group lasso,
 * or one of the filter-pruning baselines ({@link io.dgating.experiments.baseline.FilterBaselines}).
 */
public enum PathMethod {
    /** Gated training on the engine, one curve per D. */
    D_GATING("d-gating"),
    /**
     * The convex D = 2 problem solved by accelerated proximal gradient
     * ({@link io.dgating.experiments.baseline.GroupLassoFit}); gated linear regression only.
     */
    GROUP_LASSO("group-lasso"),
    /** Plain training, global filter-norm pruning at each prune ratio, fine-tuning. */
    MAGNITUDE("magnitude"),
    /** Group lasso on filters by proximal steps, one run per lambda, pruning of the near-zero filters, fine-tuning. */
    L21("l21"),
    /** Network slimming: L1 on batch-norm scales, global pruning of the smallest at each prune ratio, fine-tuning. */
    SLIMMING("slimming");

    private final String label;

    PathMethod(String label) {
        this.label = label;
    }

    /** {@return whether the method prunes at a ratio (its points' lambda is the prune ratio)} */
    public boolean prunesAtRatio() {
        return this == MAGNITUDE || this == SLIMMING;
    }

    /** {@return the name used on the command line and in reports} */
    public String label() {
        return label;
    }

    /**
     * Parses a label.
     *
     * @param text {@code d-gating} (or {@code dgating}), {@code group-lasso}, {@code magnitude}, {@code l21} or {@code slimming}
     * @return the method
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PathMethod parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("dgating")) {
            return D_GATING;
        }
        return Arrays.stream(values())
                .filter(m -> m.label.equals(t))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + text + "'; use one of "
                        + Arrays.stream(values()).map(PathMethod::label).collect(Collectors.joining(", "))));
    }
}
