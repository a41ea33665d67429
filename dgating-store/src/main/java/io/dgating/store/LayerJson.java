package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.LayerSpec;
import java.util.Arrays;

/**
 * Reads and writes one layer of a result file: {@code {"kind": ..., <its record components>}}, the
 * kind's name from {@link LayerKind} (Jackson maps the record both ways), so a new kind needs no
 * entry here.
 */
final class LayerJson {

    private LayerJson() {}

    static ObjectNode write(LayerSpec layer) {
        ObjectNode n = ResultJson.MAPPER.createObjectNode();
        n.put("kind", layer.kind().id());
        n.setAll((ObjectNode) ResultJson.MAPPER.valueToTree(layer));
        return n;
    }

    static LayerSpec read(JsonNode n) {
        String kind = ResultJson.text(n, "kind");
        Class<? extends LayerSpec> type = LayerKind.byId(kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown layer kind '" + kind + "'; known: "
                        + Arrays.stream(LayerKind.values()).map(LayerKind::id).toList()))
                .type();
        ObjectNode fields = ((ObjectNode) n).deepCopy();
        fields.remove("kind");
        try {
            return ResultJson.MAPPER.treeToValue(fields, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("layer of kind '" + kind + "' is malformed: " + cause.getMessage(), e);
        }
    }
}
