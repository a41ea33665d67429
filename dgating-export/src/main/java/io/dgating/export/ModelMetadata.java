package io.dgating.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.prune.LayerPlan;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The {@code metadata_props} of an exported model: plain values, lists and tables as JSON. */
final class ModelMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The input contract: readers apply no scaling, so the model reads what the file holds. */
    static final String INPUT_VALUES = "as stored in the data file: CSV numbers as written, IDX image bytes as 0-255;"
            + " the standardisation fitted in training is folded into the first layer";

    private ModelMetadata() {
    }

    static Map<String, String> of(TrainingResult r, PruningReport report, ExportOptions options) {
        Map<String, String> m = new TreeMap<>();
        m.put("dgating.format", "1");
        m.put("dgating.variant", options.variant().name().toLowerCase(Locale.ROOT));
        m.put("dgating.input", options.input() == ExportOptions.InputMode.ALL_FEATURES ? "all_features" : "kept_features");
        m.put("dgating.depth", Integer.toString(r.gating().depth()));
        m.put("dgating.lambda", Double.toString(r.gating().lambda()));
        m.put("dgating.eps", Double.toString(r.gating().eps()));
        m.put("dgating.kept_feature_indices", json(report.keptFeatureIndices()));
        m.put("dgating.kept_feature_names", json(report.keptFeatureNames()));
        m.put("dgating.feature_names", json(r.featureNames()));
        m.put("dgating.class_names", json(r.classNames()));
        m.put("dgating.input_values", INPUT_VALUES);
        m.put("dgating.standardization", "folded into the first layer");
        m.put("dgating.standardization.mean", json(r.standardization().mean()));
        m.put("dgating.standardization.scale", json(r.standardization().scale()));
        m.put("dgating.parameters.dense", Long.toString(report.denseParameters()));
        m.put("dgating.parameters.exported", Long.toString(report.exportedParameters()));
        m.put("dgating.constant_output", Boolean.toString(report.constantOutput()));
        m.put("dgating.notes", json(report.notes()));
        ArrayNode layers = JSON.createArrayNode();
        for (LayerPlan.Report l : report.layers()) {
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
        }
        m.put("dgating.layers", layers.toString());
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
