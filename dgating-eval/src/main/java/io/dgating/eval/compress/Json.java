package io.dgating.eval.compress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON arrays of dgating's model metadata. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : parse(json)) {
            out.add(n.asText());
        }
        return out;
    }

    static int[] ints(String json) {
        JsonNode a = parse(json);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).intValue();
        }
        return out;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isArray()) {
                throw new IllegalArgumentException("expected a JSON array in the model metadata, got " + json);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed model metadata: " + e.getOriginalMessage(), e);
        }
    }
}
