package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.ParameterSet;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and loads a {@link TrainingResult} in the dgating result format, version
 * {@value #VERSION}: a ZIP archive with two entries.
 *
 * <ul>
 *   <li>{@code result.json}: {@code format} ("dgating-training-result"), {@code version}, the
 *       model, gating, training settings, standardisation, feature and class names, the loss
 *       history, split metrics and provenance, plus {@code tensors}: for every parameter its
 *       name, shape, offset and count into the blob, and {@code tensorsSha256}, the SHA-256 of
 *       the blob.</li>
 *   <li>{@code tensors.bin}: all parameters in gated form (omega and the gate matrices, so
 *       training can resume) as little-endian float32, concatenated.</li>
 * </ul>
 *
 * <p>Reading checks the format name and version, every required field, the tensor index, the
 * checksum, and that the parameters fit the model; any failure is a
 * {@link ResultFileException} naming the file and the problem. Writing is atomic.
 */
public final class TrainingResultFile {

    /** Format name in the manifest. */
    public static final String FORMAT = "dgating-training-result";
    /** Version this code writes. */
    public static final int VERSION = 2;
    /**
     * The oldest version this code reads. Version 1 models were chains of dense, dropout and
     * flatten layers; version 2 adds every graph layer kind and the model's wiring
     * ({@code model.inputs}), which a version-1 reader would have ignored, hence the bump.
     */
    public static final int OLDEST_READABLE = 1;
    /** Conventional file extension. */
    public static final String EXTENSION = ".dgr";

    private TrainingResultFile() {}

    /**
     * Writes a result atomically.
     *
     * @param result the result
     * @param file the target
     * @param overwrite whether an existing file may be replaced
     * @throws IOException if the file exists (without {@code overwrite}) or cannot be written
     */
    public static void write(TrainingResult result, Path file, boolean overwrite) throws IOException {
        AtomicFiles.write(file, toBytes(result), overwrite);
    }

    /**
     * Returns the file's bytes for a result.
     *
     * @param result the result
     * @return the archive
     */
    public static byte[] toBytes(TrainingResult result) {
        ObjectNode m = ResultJson.MAPPER.createObjectNode();
        m.put("format", FORMAT).put("version", VERSION);
        m.set("model", ResultJson.model(result.model()));
        m.set("gating", ResultJson.gating(result.gating()));
        m.set("training", ResultJson.training(result.training()));
        m.set("standardization", ResultJson.standardization(result.standardization()));
        m.set("featureNames", ResultJson.strings(result.featureNames()));
        m.set("classNames", ResultJson.strings(result.classNames()));
        ArrayNode history = m.putArray("history");
        result.history().forEach(e -> history.add(ResultJson.epoch(e)));
        ObjectNode metrics = m.putObject("metrics");
        for (Split s : Split.values()) {
            if (result.metrics(s) != null) {
                metrics.set(s.name(), ResultJson.metrics(result.metrics(s)));
            }
        }
        ObjectNode provenance = m.putObject("provenance");
        new TreeMap<>(result.provenance()).forEach(provenance::put);
        return Archive.write(m, result.parameters().asMap());
    }

    /**
     * Reads a result.
     *
     * @param file the file
     * @return the result
     * @throws ResultFileException if the file is missing, truncated, corrupt or of another version
     */
    public static TrainingResult read(Path file) {
        Archive.Content c = Archive.read(file, FORMAT, OLDEST_READABLE, VERSION, "result");
        try {
            JsonNode m = c.manifest();
            ModelSpec model = ResultJson.model(ResultJson.req(m, "model"));
            GatingConfig gating = ResultJson.gating(ResultJson.req(m, "gating"));
            ParameterSet parameters = new ParameterSet(c.tensors());
            ParameterLayout.check(model, gating, parameters);
            List<EpochStats> history = new ArrayList<>();
            ResultJson.req(m, "history").forEach(e -> history.add(ResultJson.epoch(e)));
            Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
            ResultJson.req(m, "metrics")
                    .fields()
                    .forEachRemaining(f -> metrics.put(Split.valueOf(f.getKey()), ResultJson.metrics(f.getValue())));
            Map<String, String> provenance = new LinkedHashMap<>();
            ResultJson.req(m, "provenance")
                    .fields()
                    .forEachRemaining(
                            f -> provenance.put(f.getKey(), f.getValue().asText()));
            return new TrainingResult(
                    model,
                    gating,
                    ResultJson.training(ResultJson.req(m, "training")),
                    parameters,
                    ResultJson.standardization(ResultJson.req(m, "standardization")),
                    ResultJson.strings(ResultJson.req(m, "featureNames")),
                    ResultJson.strings(ResultJson.req(m, "classNames")),
                    history,
                    metrics,
                    provenance);
        } catch (RuntimeException e) {
            throw new ResultFileException(file + ": invalid result: " + e.getMessage(), e);
        }
    }
}
