package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dgating.api.Shape;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path dir;

    private Path idx(String name, int magic, int[] dims, byte[] data, boolean gz) throws IOException {
        Path p = dir.resolve(name + (gz ? ".gz" : ""));
        try (OutputStream raw = Files.newOutputStream(p);
                DataOutputStream out = new DataOutputStream(gz ? new GZIPOutputStream(raw) : raw)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return p;
    }

    @Test
    void readsImagesAndLabelsPlainAndGzipped() throws IOException {
        byte[] pixels = {0, (byte) 255, 51, 102, 0, 0, 0, (byte) 128};
        for (boolean gz : new boolean[] {false, true}) {
            Path images = idx("img" + gz, 0x803, new int[] {2, 2, 2}, pixels, gz);
            Path labels = idx("lab" + gz, 0x801, new int[] {2}, new byte[] {7, 3}, gz);
            Dataset d = IdxReader.read(images, labels, "tiny", DIGITS);
            assertEquals(2, d.rows());
            assertEquals(4, d.cols());
            assertEquals(Shape.of(1, 2, 2), d.sampleShape());
            assertEquals(Shape.of(1, 2, 2), d.select(new int[] {1}, "/one").sampleShape(), "selection keeps the shape");
            // the bytes as stored, so that an exported model takes the file's values
            assertArrayEquals(new float[] {0f, 255f, 51f, 102f, 0f, 0f, 0f, 128f}, d.features());
            assertArrayEquals(new float[] {7, 3}, d.targets());
            assertEquals("pixel_1_0", d.featureNames().get(2));
        }
    }

    @Test
    void rejectsTruncatedWrongMagicAndCountMismatch() throws IOException {
        Path truncated = idx("t", 0x803, new int[] {2, 2, 2}, new byte[5], false);
        Path labels = idx("l", 0x801, new int[] {2}, new byte[] {1, 2}, false);
        assertTrue(assertThrows(InvalidDataException.class, () -> IdxReader.read(truncated, labels, "x", DIGITS))
                .getMessage()
                .contains("truncated"));
        Path wrong = idx("w", 0x801, new int[] {2}, new byte[2], false);
        assertTrue(assertThrows(InvalidDataException.class, () -> IdxReader.read(wrong, labels, "x", DIGITS))
                .getMessage()
                .contains("not an unsigned-byte IDX file of rank 3"));
        Path images = idx("i", 0x803, new int[] {3, 1, 1}, new byte[3], false);
        assertTrue(assertThrows(InvalidDataException.class, () -> IdxReader.read(images, labels, "x", DIGITS))
                .getMessage()
                .contains("2 labels for 3 images"));
        assertTrue(
                assertThrows(InvalidDataException.class, () -> IdxReader.read(dir.resolve("none"), labels, "x", DIGITS))
                        .getMessage()
                        .endsWith("file not found"));
    }

    /** The real MNIST, when scripts/fetch-data.sh has put it in the data directory (CI does). */
    @Test
    void readsRealMnistWhenFetched() {
        Optional<Dataset[]> mnist = DataDirectory.fromEnvironment().idx("mnist");
        assumeTrue(
                mnist.isPresent(),
                "MNIST not fetched into " + DataDirectory.fromEnvironment().root() + "; run scripts/fetch-data.sh");
        Dataset train = mnist.get()[0];
        Dataset test = mnist.get()[1];
        assertEquals(60_000, train.rows());
        assertEquals(10_000, test.rows());
        assertEquals(784, train.cols());
        assertEquals(Shape.of(1, 28, 28), train.sampleShape());
        int[] counts = new int[10];
        for (int r = 0; r < test.rows(); r++) {
            counts[(int) test.target(r)]++;
        }
        // the canonical test set: 980 zeros, 1135 ones, ..., 1009 nines
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
    }
}
