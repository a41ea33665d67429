package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No main source file of any module grows past about 400 lines: a class that big does too much. */
class SourceSizeTest {

    private static final int LIMIT = 400;

    @Test
    void noMainSourceFileIsLongerThanTheLimit() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in dgating-cli/
        assertTrue(Files.exists(root.resolve("pom.xml")), "the repository root is " + root);
        List<String> tooLong;
        long files;
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> sources = all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().matches("dgating-[a-z-]+/src/main/java/.*"))
                    .toList();
            files = sources.size();
            tooLong = sources.stream()
                    .filter(p -> lines(p) > LIMIT)
                    .map(p -> root.relativize(p) + " (" + lines(p) + ")")
                    .toList();
        }
        assertTrue(files > 100, "found the sources: " + files);
        assertEquals(List.of(), tooLong, "split these files");
    }

    private static long lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
