package io.dgating.export.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

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
    /** Version this code writes and reads. */
    public static final int VERSION = 1;
    /** Conventional file extension. */
    public static final String EXTENSION = ".dgr";

    private static final String MANIFEST = "result.json";
    private static final String BLOB = "tensors.bin";
    // fixed entry times, so the same result always gives the same file
    private static final long ENTRY_TIME = 315532800000L;

    private TrainingResultFile() {
    }

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
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        ArrayNode index = ResultJson.MAPPER.createArrayNode();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : result.parameters().asMap().entrySet()) {
            Tensor t = e.getValue();
            ByteBuffer b = ByteBuffer.allocate(t.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                b.putFloat(t.get(i));
            }
            blob.writeBytes(b.array());
            ObjectNode n = index.addObject().put("name", e.getKey()).put("offset", offset).put("count", t.size());
            ArrayNode shape = n.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            offset += t.size();
        }
        byte[] tensors = blob.toByteArray();
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
        new java.util.TreeMap<>(result.provenance()).forEach(provenance::put);
        m.set("tensors", index);
        m.put("tensorsSha256", sha256(tensors));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(zip, MANIFEST, ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
                entry(zip, BLOB, tensors);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Reads a result.
     *
     * @param file the file
     * @return the result
     * @throws ResultFileException if the file is missing, truncated, corrupt or of another version
     */
    public static TrainingResult read(Path file) {
        byte[] manifest = null;
        byte[] tensors = null;
        try (InputStream raw = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (e.getName().equals(MANIFEST)) {
                    manifest = zip.readAllBytes();
                } else if (e.getName().equals(BLOB)) {
                    tensors = zip.readAllBytes();
                }
            }
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ResultFileException(file + ": not a readable dgating result file (" + e.getMessage()
                    + "); it may be truncated or corrupt", e);
        }
        if (manifest == null || tensors == null) {
            throw new ResultFileException(file + ": not a dgating result file, or truncated: entry "
                    + (manifest == null ? MANIFEST : BLOB) + " is missing", null);
        }
        try {
            return parse(manifest, tensors);
        } catch (ResultFileException e) {
            throw new ResultFileException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ResultFileException(file + ": invalid result: " + e.getMessage(), e);
        }
    }

    private static TrainingResult parse(byte[] manifest, byte[] tensors) throws IOException {
        JsonNode m = ResultJson.MAPPER.readTree(manifest);
        if (m == null || !m.isObject() || !FORMAT.equals(m.path("format").textValue())) {
            throw new ResultFileException("not a dgating result file (format is not '" + FORMAT + "')", null);
        }
        int version = m.path("version").asInt(-1);
        if (version != VERSION) {
            throw new ResultFileException("format version " + version + " is not supported; this dgating reads version "
                    + VERSION, null);
        }
        if (!sha256(tensors).equals(ResultJson.text(m, "tensorsSha256"))) {
            throw new ResultFileException("tensor data does not match its checksum: the file is corrupt", null);
        }
        ByteBuffer blob = ByteBuffer.wrap(tensors).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (JsonNode n : ResultJson.req(m, "tensors")) {
            JsonNode shapeNode = ResultJson.req(n, "shape");
            int[] shape = new int[shapeNode.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).intValue();
                size *= shape[i];
            }
            long offset = ResultJson.req(n, "offset").longValue();
            long count = ResultJson.req(n, "count").longValue();
            if (count != size || offset < 0 || (offset + count) * 4 > tensors.length) {
                throw new ResultFileException("tensor " + ResultJson.text(n, "name") + " lies outside the tensor data", null);
            }
            float[] v = new float[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = blob.getFloat((int) (offset + i) * 4);
            }
            params.put(ResultJson.text(n, "name"), new Tensor(shape, v));
        }
        ModelSpec model = ResultJson.model(ResultJson.req(m, "model"));
        GatingConfig gating = ResultJson.gating(ResultJson.req(m, "gating"));
        ParameterSet parameters = new ParameterSet(params);
        ParameterLayout.check(model, gating, parameters);
        List<EpochStats> history = new ArrayList<>();
        ResultJson.req(m, "history").forEach(e -> history.add(ResultJson.epoch(e)));
        Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
        ResultJson.req(m, "metrics").fields().forEachRemaining(f ->
                metrics.put(Split.valueOf(f.getKey()), ResultJson.metrics(f.getValue())));
        Map<String, String> provenance = new LinkedHashMap<>();
        ResultJson.req(m, "provenance").fields().forEachRemaining(f -> provenance.put(f.getKey(), f.getValue().asText()));
        return new TrainingResult(model, gating, ResultJson.training(ResultJson.req(m, "training")), parameters,
                ResultJson.standardization(ResultJson.req(m, "standardization")),
                ResultJson.strings(ResultJson.req(m, "featureNames")), ResultJson.strings(ResultJson.req(m, "classNames")),
                history, metrics, provenance);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(ENTRY_TIME);
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
