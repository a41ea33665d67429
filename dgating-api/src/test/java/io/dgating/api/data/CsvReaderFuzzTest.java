package io.dgating.api.data;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random text fed to the CSV reader never crashes it: every input is either a dataset or an
 * {@link InvalidDataException} with a message, nothing else (no index errors, no NPEs).
 */
class CsvReaderFuzzTest {

    @Provide
    Arbitrary<String> csvLike() {
        return Arbitraries.strings()
                .withChars("0123456789.,-+eE\"\n abNnaI?x;\t")
                .ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> labels() {
        return Arbitraries.of("-1", "0", "1", "5", "-9", "a", "y", "x0", "");
    }

    @Property(tries = 2000)
    void neverCrashesOnCsvLikeText(
            @ForAll("csvLike") String text, @ForAll("labels") String label, @ForAll boolean regression) {
        read(text, label, regression);
    }

    @Property(tries = 500)
    void neverCrashesOnArbitraryUnicode(@ForAll String text, @ForAll("labels") String label) {
        read(text, label, false);
    }

    private static void read(String text, String label, boolean regression) {
        try {
            Dataset d = CsvReader.of(label, regression ? Task.REGRESSION : Task.CLASSIFICATION)
                    .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "fuzz.csv", "fuzz");
            if (d.rows() < 1 || d.cols() < 1) {
                throw new AssertionError("a dataset without rows or columns was accepted: " + d);
            }
        } catch (InvalidDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.csv")) {
                throw new AssertionError("error without the file name: " + e.getMessage(), e);
            }
        }
    }
}
