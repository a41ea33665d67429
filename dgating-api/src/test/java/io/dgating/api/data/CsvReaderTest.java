package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private InvalidDataException fails(String text, String label) throws IOException {
        Path p = write("bad.csv", text);
        return assertThrows(
                InvalidDataException.class,
                () -> CsvReader.of(label, Task.CLASSIFICATION).read(p));
    }

    @Test
    void readsHeaderNamedLabelAndStringClasses() throws IOException {
        Path p = write("t.csv", "a,species,b\n1.5,cat,2\n-3,dog,4e1\n\n0,cat,\"7\"\n");
        Dataset d = CsvReader.of("species", Task.CLASSIFICATION).read(p);
        assertEquals(3, d.rows());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new float[] {1.5f, 2f, -3f, 40f, 0f, 7f}, d.features());
        assertArrayEquals(new float[] {0, 1, 0}, d.targets());
        assertEquals("t", d.name());
    }

    @Test
    void numericLabelsSortByValueAndMergeEqualValues() throws IOException {
        Path p = write("n.csv", "1,10\n2,2\n3,2.0\n4,-1\n");
        Dataset d = CsvReader.of("-1", Task.CLASSIFICATION).read(p);
        assertEquals(List.of("-1", "2", "10"), d.classNames());
        assertArrayEquals(new float[] {2, 1, 1, 0}, d.targets());
        assertEquals(List.of("x0"), d.featureNames());
    }

    @Test
    void regressionLabelByIndexWithoutHeader() throws IOException {
        Path p = write("r.csv", "0.5,1,2\n0.25,3,4\n");
        Dataset d = CsvReader.of("0", Task.REGRESSION).read(p);
        assertArrayEquals(new float[] {0.5f, 0.25f}, d.targets());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features());
    }

    @Test
    void readsGzip() throws IOException {
        Path p = dir.resolve("z.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write("f,y\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, CsvReader.of("y", Task.CLASSIFICATION).read(p).rows());
    }

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        InvalidDataException e = fails("a,b,y\n1,2,0\n3,1\n", "y");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("bad.csv, line 3: has 2 fields, expected 3"), e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() throws IOException {
        InvalidDataException e = fails("a,b,y\n1,2,0\n3,abc,1\n", "y");
        assertTrue(e.getMessage().endsWith("bad.csv, line 3, column 2 (b): 'abc' is not a number"), e.getMessage());
    }

    @Test
    void missingValuesAreNamed() throws IOException {
        assertTrue(fails("a,b,y\n1,,0\n", "y").getMessage().contains("line 2, column 2 (b): missing value"));
        assertTrue(fails("a,b,y\n1,NA,0\n", "y").getMessage().contains("missing value 'NA'"));
        assertTrue(fails("a,b,y\n1,2,?\n", "y").getMessage().contains("missing label value '?'"));
    }

    @Test
    void nonFiniteValuesAreRejected() throws IOException {
        assertTrue(fails("a,y\nInfinity,1\n", "y").getMessage().contains("not a finite"));
        assertTrue(fails("a,y\n1e39,1\n", "y").getMessage().contains("not a finite float32"));
    }

    @Test
    void emptyAndHeaderOnlyFiles() throws IOException {
        assertTrue(fails("", "y").getMessage().endsWith("file is empty"));
        assertTrue(fails("\n  \n", "y").getMessage().endsWith("file is empty"));
        assertTrue(fails("a,y\n", "y").getMessage().endsWith("has a header but no data rows"));
    }

    @Test
    void unknownLabelColumnListsTheHeader() throws IOException {
        InvalidDataException e = fails("a,b,y\n1,2,0\n", "target");
        assertTrue(e.getMessage().contains("no such label column; the header has a, b, y"), e.getMessage());
        assertTrue(fails("1,2\n", "5").getMessage().contains("out of range"));
    }

    @Test
    void missingFileAndDirectory() {
        assertTrue(assertThrows(
                        InvalidDataException.class,
                        () -> CsvReader.of("y", Task.CLASSIFICATION).read(dir.resolve("nope.csv")))
                .getMessage()
                .endsWith("file not found"));
        assertTrue(assertThrows(
                        InvalidDataException.class,
                        () -> CsvReader.of("y", Task.CLASSIFICATION).read(dir))
                .getMessage()
                .contains("is a directory"));
    }

    @Test
    void singleColumnAndUnterminatedQuote() throws IOException {
        assertTrue(fails("1\n2\n", "0").getMessage().contains("needs at least two columns"));
        assertTrue(fails("a,y\n\"1,0\n", "y").getMessage().contains("line 2: unterminated quoted field"));
    }
}
