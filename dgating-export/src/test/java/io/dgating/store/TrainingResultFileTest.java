package io.dgating.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingResultFileTest {

    private static TrainingResult trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 3).standardized();
        ModelSpec model = ModelSpec.builder(13)
                .dense(16, Activation.GELU)
                .dropout(0.1)
                .dense(8, Activation.RELU)
                .dense(3, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.08)
                .gate(new GateSpec(
                        "dense1", GroupKind.INPUT_FEATURES, new int[] {0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10}))
                .gate("dense2", GroupKind.NEURONS)
                .build();
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            trained = engine.train(TrainingRequest.of(
                    model,
                    gating,
                    TrainingConfig.builder()
                            .optimizer(Optimizer.Adam.defaults())
                            .learningRate(0.01)
                            .epochs(30)
                            .batchSize(16)
                            .build(),
                    data));
        }
    }

    @Test
    void roundTripKeepsEverythingBitForBit() throws IOException {
        Path file = dir.resolve("wine.dgr");
        TrainingResultFile.write(trained, file, false);
        TrainingResult back = TrainingResultFile.read(file);
        assertEquals(trained.parameters(), back.parameters());
        assertEquals(trained.model(), back.model());
        assertEquals(trained.gating(), back.gating());
        assertEquals(trained.training(), back.training());
        assertArrayEquals(
                trained.standardization().mean(), back.standardization().mean());
        assertArrayEquals(
                trained.standardization().scale(), back.standardization().scale());
        assertEquals(trained.featureNames(), back.featureNames());
        assertEquals(trained.classNames(), back.classNames());
        assertEquals(trained.history(), back.history());
        assertEquals(trained.metrics(Split.TEST), back.metrics(Split.TEST));
        assertEquals(trained.provenance(), back.provenance());
        // the same result gives the same file
        assertArrayEquals(Files.readAllBytes(file), TrainingResultFile.toBytes(back));
    }

    @Test
    void exportAfterSaveAndLoadIsByteIdenticalToDirectExport() throws IOException {
        Path file = dir.resolve("r.dgr");
        TrainingResultFile.write(trained, file, false);
        OnnxExporter exporter = new OnnxExporter();
        for (ExportOptions o : new ExportOptions[] {ExportOptions.compact(), ExportOptions.dense()}) {
            assertArrayEquals(
                    exporter.export(trained, o).bytes(),
                    exporter.export(TrainingResultFile.read(file), o).bytes());
        }
    }

    @Test
    void refusesToOverwriteUnlessAsked() throws IOException {
        Path file = dir.resolve("r.dgr");
        Files.writeString(file, "precious");
        assertThrows(FileAlreadyExistsException.class, () -> TrainingResultFile.write(trained, file, false));
        assertEquals("precious", Files.readString(file));
        TrainingResultFile.write(trained, file, true);
        assertEquals(trained.parameters(), TrainingResultFile.read(file).parameters());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void truncatedCorruptAndForeignFilesGiveClearErrors() throws IOException {
        byte[] good = TrainingResultFile.toBytes(trained);
        Path truncated = dir.resolve("truncated.dgr");
        Files.write(truncated, Arrays.copyOf(good, good.length / 2));
        String m1 = assertThrows(ResultFileException.class, () -> TrainingResultFile.read(truncated))
                .getMessage();
        assertTrue(m1.startsWith(truncated + ": ") && (m1.contains("truncated") || m1.contains("corrupt")), m1);

        Path flipped = dir.resolve("flipped.dgr");
        byte[] bad = good.clone();
        bad[bad.length / 2] ^= 0x55;
        Files.write(flipped, bad);
        String m2 = assertThrows(ResultFileException.class, () -> TrainingResultFile.read(flipped))
                .getMessage();
        assertTrue(
                m2.contains("corrupt") || m2.contains("CRC") || m2.contains("checksum") || m2.contains("invalid"), m2);

        Path text = dir.resolve("notes.dgr");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(ResultFileException.class, () -> TrainingResultFile.read(text))
                .getMessage()
                .contains("not a dgating result file"));

        assertTrue(assertThrows(ResultFileException.class, () -> TrainingResultFile.read(dir.resolve("none.dgr")))
                .getMessage()
                .endsWith("file not found"));
    }

    @Test
    void versionOneFilesAreReadAndNewerVersionsAreRefusedByName() throws IOException {
        Path v1 = withVersion(1, dir.resolve("v1.dgr"));
        assertEquals(trained.model(), TrainingResultFile.read(v1).model(), "a version-1 file (a chain) still reads");
        assertEquals(trained.parameters(), TrainingResultFile.read(v1).parameters());
        Path v3 = withVersion(3, dir.resolve("v3.dgr"));
        assertTrue(assertThrows(ResultFileException.class, () -> TrainingResultFile.read(v3))
                .getMessage()
                .contains("format version 3 is not supported; this dgating reads versions 1 to 2"));
    }

    /** Rewrites the manifest's version field inside a fresh archive. */
    private Path withVersion(int version, Path file) throws IOException {
        byte[] zip = TrainingResultFile.toBytes(trained);
        String manifest;
        byte[] tensors;
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            in.getNextEntry();
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            in.getNextEntry();
            tensors = in.readAllBytes();
        }
        String current = "\"version\" : " + TrainingResultFile.VERSION;
        assertTrue(manifest.contains(current), manifest.substring(0, 80));
        try (var out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("result.json"));
            out.write(manifest.replace(current, "\"version\" : " + version).getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("tensors.bin"));
            out.write(tensors);
        }
        return file;
    }
}
