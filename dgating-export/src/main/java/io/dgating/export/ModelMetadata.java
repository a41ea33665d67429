package io.dgating.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.data.CategoricalEncoding;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.plan.CategoricalInputs;
import io.dgating.runtime.ExportMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** The {@code metadata_props} of an exported model: plain values, lists and tables as JSON. */
final class ModelMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMetadata() {}

    static Map<String, String> of(TrainingResult r, PruningReport report, ExportOptions options, boolean featureInput) {
        Map<String, String> m = new TreeMap<>();
        m.put(ExportMetadata.FORMAT, "1");
        m.put(ExportMetadata.VARIANT, options.variant().name().toLowerCase(Locale.ROOT));
        m.put(
                ExportMetadata.INPUT,
                options.input() == ExportOptions.InputMode.ALL_FEATURES
                        ? ExportMetadata.INPUT_ALL_FEATURES
                        : ExportMetadata.INPUT_KEPT_FEATURES);
        m.put(ExportMetadata.DEPTH, Integer.toString(r.gating().depth()));
        m.put(ExportMetadata.LAMBDA, Double.toString(r.gating().lambda()));
        m.put(ExportMetadata.EPS, Double.toString(r.gating().eps()));
        m.put(ExportMetadata.KEPT_FEATURE_INDICES, json(report.keptFeatureIndices()));
        m.put(ExportMetadata.KEPT_FEATURE_NAMES, json(report.keptFeatureNames()));
        m.put(ExportMetadata.FEATURE_NAMES, json(r.featureNames()));
        m.put(ExportMetadata.CLASS_NAMES, json(r.classNames()));
        m.put(ExportMetadata.INPUT_VALUES, ExportMetadata.INPUT_VALUES_AS_STORED);
        boolean trunk = !featureInput;
        m.put(
                ExportMetadata.INPUT_SHAPE,
                json(trunk ? r.model().inputShape().dims() : new int[] {report.keptFeatureIndices().length}));
        m.put(
                ExportMetadata.STANDARDIZATION,
                trunk ? "applied by the graph's first nodes (Sub, Div)" : "folded into the first layer");
        m.put(ExportMetadata.STANDARDIZATION_MEAN, json(r.standardization().mean()));
        m.put(ExportMetadata.STANDARDIZATION_SCALE, json(r.standardization().scale()));
        m.put(ExportMetadata.PARAMETERS_DENSE, Long.toString(report.denseParameters()));
        m.put(ExportMetadata.PARAMETERS_EXPORTED, Long.toString(report.exportedParameters()));
        m.put(ExportMetadata.CONSTANT_OUTPUT, Boolean.toString(report.constantOutput()));
        m.put(ExportMetadata.NOTES, json(report.notes()));
        ArrayNode layers = JSON.createArrayNode();
        for (LayerReport l : report.layers()) {
            ObjectNode o = layers.addObject();
            o.put("layer", l.layer());
            o.put("groups_kind", l.kind() == null ? "none" : l.kind().name().toLowerCase(Locale.ROOT));
            o.put("groups", l.groups());
            o.put("groups_removed", l.removedGroups());
            o.put("groups_almost_zero", l.almostZero());
            o.put("units_before", l.unitsBefore());
            o.put("units_after", l.unitsAfter());
            o.put("inputs_before", l.inputsBefore());
            o.put("inputs_after", l.inputsAfter());
            o.put("macs_before", l.macsBefore());
            o.put("macs_after", l.macsAfter());
            if (!l.coupledWith().isEmpty()) {
                l.coupledWith().forEach(o.putArray("coupled_with")::add);
            }
        }
        m.put(ExportMetadata.LAYERS, layers.toString());
        options.categorical().ifPresent(e -> {
            int[] reads = options.input() == ExportOptions.InputMode.ALL_FEATURES
                    ? IntStream.range(0, r.featureNames().size()).toArray()
                    : report.keptFeatureIndices();
            ArrayNode cats = JSON.createArrayNode();
            for (CategoricalEncoding.Column c : CategoricalInputs.columns(e, reads)) {
                ObjectNode o = cats.addObject().put("input", c.name());
                c.categories().forEach(o.putArray("categories")::add);
            }
            m.put(ExportMetadata.CATEGORICAL_INPUTS, cats.toString());
            List<String> numeric = new ArrayList<>();
            for (int f : CategoricalInputs.numericFeatures(e, reads)) {
                numeric.add(r.featureNames().get(f));
            }
            m.put(ExportMetadata.NUMERIC_INPUT_NAMES, json(numeric));
        });
        m.putAll(options.provenance());
        return m;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
