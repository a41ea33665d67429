package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The container shared by result and checkpoint files: a ZIP with {@code result.json} (a
 * manifest naming its format and version, an index of the tensors and the SHA-256 of their
 * data) and {@code tensors.bin} (little-endian float32, concatenated).
 */
final class Archive {

    static final String MANIFEST = "result.json";
    static final String BLOB = "tensors.bin";
    // fixed entry times, so the same content always gives the same file
    private static final long ENTRY_TIME = 315532800000L;

    /** A read archive. */
    record Content(JsonNode manifest, Map<String, Tensor> tensors) {}

    private Archive() {}

    static byte[] write(ObjectNode manifest, Map<String, Tensor> tensors) {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        ArrayNode index = manifest.putArray("tensors");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ByteBuffer b = ByteBuffer.allocate(t.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                b.putFloat(t.get(i));
            }
            blob.writeBytes(b.array());
            ObjectNode n = index.addObject()
                    .put("name", e.getKey())
                    .put("offset", offset)
                    .put("count", t.size());
            ArrayNode shape = n.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            offset += t.size();
        }
        byte[] data = blob.toByteArray();
        manifest.put("tensorsSha256", sha256(data));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                entry(
                        zip,
                        MANIFEST,
                        ResultJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                entry(zip, BLOB, data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads an archive of the given format and a version from {@code oldest} to {@code version};
     * {@code kind} names it in messages.
     *
     * @throws ResultFileException naming the file and the problem
     */
    static Content read(Path file, String format, int oldest, int version, String kind) {
        byte[] manifest = null;
        byte[] data = null;
        try (InputStream raw = Files.newInputStream(file);
                ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(MANIFEST)) {
                    manifest = zip.readAllBytes();
                } else if (e.getName().equals(BLOB)) {
                    data = zip.readAllBytes();
                }
            }
        } catch (NoSuchFileException e) {
            throw new ResultFileException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ResultFileException(
                    file + ": not a readable dgating file (" + e.getMessage() + "); it may be truncated or corrupt", e);
        }
        if (manifest == null || data == null) {
            throw new ResultFileException(
                    file + ": not a dgating " + kind + " file, or truncated: entry "
                            + (manifest == null ? MANIFEST : BLOB) + " is missing",
                    null);
        }
        try {
            JsonNode m = ResultJson.MAPPER.readTree(manifest);
            if (m == null || !m.isObject() || !format.equals(m.path("format").textValue())) {
                throw new ResultFileException("not a dgating " + kind + " file (format is not '" + format + "')", null);
            }
            int v = m.path("version").asInt(-1);
            if (v < oldest || v > version) {
                throw new ResultFileException(
                        "format version " + v + " is not supported; this dgating reads versions " + oldest + " to "
                                + version,
                        null);
            }
            if (!sha256(data).equals(ResultJson.text(m, "tensorsSha256"))) {
                throw new ResultFileException("tensor data does not match its checksum: the file is corrupt", null);
            }
            return new Content(m, tensors(m, data));
        } catch (ResultFileException e) {
            throw new ResultFileException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ResultFileException(file + ": invalid " + kind + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Tensor> tensors(JsonNode m, byte[] data) {
        ByteBuffer blob = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new LinkedHashMap<>();
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
            if (count != size || offset < 0 || (offset + count) * 4 > data.length) {
                throw new ResultFileException(
                        "tensor " + ResultJson.text(n, "name") + " lies outside the tensor data", null);
            }
            float[] v = new float[(int) count];
            for (int i = 0; i < v.length; i++) {
                v[i] = blob.getFloat((int) (offset + i) * 4);
            }
            out.put(ResultJson.text(n, "name"), new Tensor(shape, v));
        }
        return out;
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
