package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.model.Add;
import io.dgating.api.model.BatchNorm;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.Flatten;
import io.dgating.api.model.GlobalAvgPool;
import io.dgating.api.model.LayerNorm;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.MultiHeadAttention;
import io.dgating.api.model.Nonlinearity;
import io.dgating.api.model.Pool2d;
import io.dgating.api.model.PositionEmbedding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result-file name of every layer kind: a layer is stored as {@code {"kind": ..., <its record
 * components>}} (Jackson maps the record both ways), so a kind needs one entry here.
 */
final class LayerJson {

    private static final Map<String, Class<? extends LayerSpec>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("dense", Dense.class);
        KINDS.put("dropout", Dropout.class);
        KINDS.put("flatten", Flatten.class);
        KINDS.put("conv2d", Conv2d.class);
        KINDS.put("batch_norm", BatchNorm.class);
        KINDS.put("layer_norm", LayerNorm.class);
        KINDS.put("embedding", Embedding.class);
        KINDS.put("position_embedding", PositionEmbedding.class);
        KINDS.put("attention", MultiHeadAttention.class);
        KINDS.put("pool2d", Pool2d.class);
        KINDS.put("global_avg_pool", GlobalAvgPool.class);
        KINDS.put("activation", Nonlinearity.class);
        KINDS.put("add", Add.class);
    }

    private LayerJson() {}

    static ObjectNode write(LayerSpec layer) {
        ObjectNode n = ResultJson.MAPPER.createObjectNode();
        n.put("kind", kindOf(layer));
        n.setAll((ObjectNode) ResultJson.MAPPER.valueToTree(layer));
        return n;
    }

    static LayerSpec read(JsonNode n) {
        String kind = ResultJson.text(n, "kind");
        Class<? extends LayerSpec> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown layer kind '" + kind + "'; known: " + KINDS.keySet());
        }
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove("kind");
        try {
            return ResultJson.MAPPER.treeToValue(fields, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("layer of kind '" + kind + "' is malformed: " + cause.getMessage(), e);
        }
    }

    private static String kindOf(LayerSpec layer) {
        for (var e : KINDS.entrySet()) {
            if (e.getValue() == layer.getClass()) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(
                "no result-file name for layer kind " + layer.getClass().getSimpleName());
    }
}
