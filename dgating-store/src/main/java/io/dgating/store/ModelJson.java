package io.dgating.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dgating.api.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model description files: the {@code model} object of a result file's {@code result.json}
 * (input shape, layers with their kinds and fields, wiring, head), on its own or inside a whole
 * {@code result.json}.
 */
public final class ModelJson {

    private ModelJson() {}

    /**
     * Returns a model as JSON text, the form {@link #read} takes.
     *
     * @param model the model
     * @return pretty-printed JSON
     */
    public static String write(ModelSpec model) {
        try {
            return ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(ResultJson.model(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a model description file.
     *
     * @param file a JSON file holding a model object, or a result's {@code result.json}
     * @return the validated model
     * @throws IllegalArgumentException naming the file if it cannot be read or does not describe a valid model
     */
    public static ModelSpec read(Path file) {
        JsonNode root;
        try {
            root = ResultJson.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        JsonNode model = root != null && root.has("model") ? root.get("model") : root;
        if (model == null || !model.isObject() || !model.has("layers")) {
            throw new IllegalArgumentException("model file " + file + " holds no model (an object with \"layers\")");
        }
        try {
            return ResultJson.model(model);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("model file " + file + ": " + e.getMessage(), e);
        }
    }
}
