package io.dgating.export;

import io.dgating.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An exported ONNX model held in memory, with the report of what it kept.
 *
 * @param options what was exported
 * @param bytes the ONNX protobuf
 * @param report kept and removed groups, parameters, notes
 */
public record ExportedModel(ExportOptions options, byte[] bytes, PruningReport report) {

    /**
     * Copies the bytes.
     *
     * @param options what was exported
     * @param bytes the ONNX protobuf
     * @param report kept and removed groups, parameters, notes
     */
    public ExportedModel {
        bytes = bytes.clone();
    }

    /** {@return a copy of the ONNX bytes (e.g. for an in-memory ONNX Runtime session)} */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the size of the file in bytes} */
    public int size() {
        return bytes.length;
    }

    /**
     * Writes the model atomically.
     *
     * @param file the target
     * @param overwrite whether an existing file may be replaced
     * @throws IOException if the file exists (and {@code overwrite} is false) or cannot be written
     */
    public void writeTo(Path file, boolean overwrite) throws IOException {
        AtomicFiles.write(file, bytes, overwrite);
    }
}
