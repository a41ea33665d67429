package io.dgating.export;

import io.dgating.api.train.TrainingResult;
import io.dgating.export.kinds.ExportKinds;
import io.dgating.export.onnx.OnnxModelWriter;
import io.dgating.export.plan.GraphWriter;
import io.dgating.export.plan.Plan;
import io.dgating.export.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * From a training result to an ONNX model: collapse the gates, plan what stays over the whole
 * graph (compact: zero groups and everything that depends on them removed; dense: everything
 * kept), fold the input standardisation into the first dense layers or apply it with the graph's
 * first nodes, and write every kept layer's nodes.
 *
 * <p>The graph's input is {@code features} ({@code [N, kept]} or {@code [N, all]}, or the example
 * shape of a model that does not read flat features through dense layers), or an imported model's
 * own name; its outputs are {@code output} ({@code [N, outputs]}: logits or regression values) and,
 * for classification, {@code probabilities} (softmax of the logits). Metadata properties carry D,
 * lambda, eps, groups per layer, kept feature indices and names, class names and the
 * standardisation. Stateless and thread-safe.
 */
public final class OnnxExporter {

    /** Name of the graph input. */
    public static final String INPUT = "features";
    /** Name of the raw output (logits or regression values). */
    public static final String OUTPUT = GraphWriter.OUTPUT;
    /** Name of the softmax output of classifiers. */
    public static final String PROBABILITIES = GraphWriter.PROBABILITIES;

    private final Planner planner = new Planner(new ExportKinds());

    /**
     * Exports a training result.
     *
     * @param result the trained model
     * @param options compact or dense, kept or all features as input
     * @return the model bytes and the pruning report
     */
    public ExportedModel export(TrainingResult result, ExportOptions options) {
        Plan plan = planner.plan(result, options);
        // a model that does not read flat features through dense layers takes all of them as they come
        ExportOptions effective =
                plan.featureInput() ? options : options.withInputMode(ExportOptions.InputMode.ALL_FEATURES);
        int[] kept = plan.featureInput()
                ? plan.readFeatures()
                : IntStream.range(0, result.model().inputSize()).toArray();
        List<String> keptNames = new ArrayList<>();
        for (int j : kept) {
            keptNames.add(result.featureNames().get(j));
        }
        PruningReport report = new PruningReport(
                options.variant(),
                plan.reports(),
                kept,
                keptNames,
                plan.denseParameters(),
                plan.exportedParameters(),
                plan.multiplyAdds(false),
                plan.multiplyAdds(true),
                plan.constantOutput().isPresent(),
                plan.notes());
        byte[] bytes = OnnxModelWriter.write(
                GraphWriter.write(plan, effective).build(),
                Version.current(),
                ModelMetadata.of(result, report, effective, plan.featureInput()));
        return new ExportedModel(effective, bytes, report);
    }
}
