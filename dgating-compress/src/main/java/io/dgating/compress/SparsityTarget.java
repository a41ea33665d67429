package io.dgating.compress;

import io.dgating.api.gating.GroupReport;
import java.util.List;
import java.util.Locale;

/**
 * A sparsity goal over all gated groups, met when the trained model keeps at most
 * {@code keepAtMost} groups, or removes at least {@code removeShare} of them.
 *
 * @param keepAtMost maximal groups kept (or -1)
 * @param removeShare minimal share of groups removed, in {@code (0, 1]} (or -1)
 */
public record SparsityTarget(int keepAtMost, double removeShare) {

    /**
     * Validates: exactly one of the two is set.
     *
     * @param keepAtMost maximal groups kept (or -1)
     * @param removeShare minimal share of groups removed, in {@code (0, 1]} (or -1)
     */
    public SparsityTarget {
        boolean keep = keepAtMost >= 0;
        boolean remove = removeShare >= 0;
        if (keep == remove) {
            throw new IllegalArgumentException("a sparsity target is either keep:N or remove:P%");
        }
        if (remove && !(removeShare > 0 && removeShare <= 1)) {
            throw new IllegalArgumentException("remove share must be in (0%, 100%], got " + removeShare * 100 + "%");
        }
    }

    /**
     * Parses {@code keep:N} (keep at most N groups) or {@code remove:P%} / {@code remove:0.6}.
     *
     * @param text the target
     * @return the target
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static SparsityTarget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("keep:")) {
                int n = Integer.parseInt(t.substring(5).trim());
                if (n < 0) {
                    throw new NumberFormatException("negative");
                }
                return new SparsityTarget(n, -1);
            }
            if (t.startsWith("remove:")) {
                String v = t.substring(7).trim();
                double share = v.endsWith("%")
                        ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100
                        : Double.parseDouble(v);
                return new SparsityTarget(-1, share);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("target sparsity '" + text + "': not a number (" + e.getMessage() + ")");
        }
        throw new IllegalArgumentException("target sparsity '" + text
                + "' must be keep:N (keep at most N groups) or remove:P% (remove at least P% of groups)");
    }

    /**
     * Returns whether a trained model meets the target.
     *
     * @param groups its group reports
     * @return true if met
     */
    public boolean isMet(List<GroupReport> groups) {
        return isMet(
                groups.stream().mapToInt(GroupReport::kept).sum(),
                groups.stream().mapToInt(GroupReport::groups).sum());
    }

    /**
     * Returns whether keeping {@code kept} of {@code total} groups meets the target.
     *
     * @param kept groups kept
     * @param total groups in all
     * @return true if met
     */
    public boolean isMet(int kept, int total) {
        return keepAtMost >= 0 ? kept <= keepAtMost : total - kept >= Math.ceil(removeShare * total - 1e-9);
    }

    @Override
    public String toString() {
        return keepAtMost >= 0
                ? "keep at most " + keepAtMost + " groups"
                : String.format(Locale.ROOT, "remove at least %.0f%% of groups", removeShare * 100);
    }
}
