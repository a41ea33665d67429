package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingResult;
import io.dgating.runtime.ExportMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The metadata contract: what the exporter writes is what {@link ExportMetadata#parse} reads back. */
class ExportMetadataTest {

    @Test
    void readsBackWhatTheExporterWrote() {
        ModelSpec model = ModelSpec.mlp(6, List.of(4), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult r = Models.withZeroGroups(model, gating, Map.of("dense1", Set.of(1, 4)), false, 7);
        for (ExportOptions.InputMode mode : ExportOptions.InputMode.values()) {
            ExportedModel m = new OnnxExporter().export(r, new ExportOptions(ExportOptions.Variant.COMPACT, mode));
            ExportMetadata meta = ExportMetadata.parse(metadataOf(m.bytes()));
            assertEquals(r.featureNames(), meta.featureNames());
            assertArrayEquals(new int[] {0, 2, 3, 5}, meta.keptFeatureIndices());
            assertArrayEquals(m.report().keptFeatureIndices(), meta.keptFeatureIndices());
            assertEquals(mode == ExportOptions.InputMode.ALL_FEATURES, meta.takesAllFeatures());
            assertEquals(r.classNames(), meta.classNames());
        }
    }

    @Test
    void namesTheMissingOrMalformedKey() {
        Map<String, String> props = new HashMap<>(
                Map.of(ExportMetadata.FEATURE_NAMES, "[\"a\",\"b\"]", ExportMetadata.KEPT_FEATURE_INDICES, "[1]"));
        ExportMetadata ok = ExportMetadata.parse(props);
        assertArrayEquals(new int[] {1}, ok.keptFeatureIndices());
        assertFalse(ok.takesAllFeatures());
        assertTrue(ok.classNames().isEmpty(), "class names are optional (regression)");

        props.remove(ExportMetadata.FEATURE_NAMES);
        assertEquals(
                "not a dgating model: metadata dgating.feature_names is missing",
                assertThrows(IllegalArgumentException.class, () -> ExportMetadata.parse(props))
                        .getMessage());
        props.put(ExportMetadata.FEATURE_NAMES, "{\"a\": 1}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportMetadata.parse(props))
                .getMessage()
                .contains("dgating.feature_names is not a JSON array"));
        props.put(ExportMetadata.FEATURE_NAMES, "[\"a\",\"b\"]");
        props.put(ExportMetadata.KEPT_FEATURE_INDICES, "[0, 2]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportMetadata.parse(props))
                .getMessage()
                .contains("not an index below 2"));
        props.put(ExportMetadata.KEPT_FEATURE_INDICES, "[0, ");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportMetadata.parse(props))
                .getMessage()
                .startsWith("malformed model metadata: dgating.kept_feature_indices"));
    }

    /** The metadata properties of an ONNX file, as a reader of the file sees them. */
    private static Map<String, String> metadataOf(byte[] onnx) {
        try {
            Map<String, String> m = new HashMap<>();
            OnnxMl.ModelProto.parseFrom(onnx).getMetadataPropsList().forEach(p -> m.put(p.getKey(), p.getValue()));
            return m;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
