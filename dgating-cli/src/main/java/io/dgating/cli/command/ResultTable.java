package io.dgating.cli.command;

import io.dgating.api.gating.GroupReport;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints a training result: kept and removed groups per layer, kept features, metrics per split. */
final class ResultTable {

    private ResultTable() {}

    static void print(TrainingResult r, PrintWriter out) {
        List<GroupReport> reports = r.groupReports();
        if (reports.isEmpty()) {
            out.println("no gated layers");
        } else {
            out.printf("%-10s %-15s %7s %7s %8s %12s%n", "layer", "groups", "total", "kept", "removed", "almost-zero");
            for (GroupReport g : reports) {
                out.printf(
                        "%-10s %-15s %7d %7d %8d %12d%n",
                        g.layer(),
                        g.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        g.groups(),
                        g.kept(),
                        g.zero(),
                        g.almostZero());
            }
            out.printf(
                    "(removed: norm < eps = %.3g; almost-zero: eps <= norm < 1e-3, kept)%n",
                    r.gating().eps());
        }
        List<String> kept = r.keptFeatures();
        if (kept.size() < r.featureNames().size()) {
            out.println("kept features (" + kept.size() + " of "
                    + r.featureNames().size() + "): "
                    + (kept.size() <= 40 ? String.join(", ", kept) : String.join(", ", kept.subList(0, 40)) + ", ..."));
        }
        boolean classification = !r.classNames().isEmpty();
        out.printf("%-10s %7s %10s %10s%n", "split", "rows", "loss", classification ? "accuracy" : "rmse");
        for (Split s : Split.values()) {
            Metrics m = r.metrics(s);
            if (m.rows() == 0) {
                continue;
            }
            out.printf(
                    "%-10s %7d %10.4f %10.4f%n",
                    s.name().toLowerCase(Locale.ROOT), m.rows(), m.loss(), classification ? m.accuracy() : m.rmse());
        }
        out.flush();
    }
}
