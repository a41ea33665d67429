package io.dgating.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --groups}: columns that share a gate, by name prefix or from a file, and every malformed file named. */
class FeatureGroupsTest {

    private static final List<String> COLUMNS =
            List.of("color_red", "color_blue", "x.1", "x.2", "noise", "color_green");

    @TempDir
    Path dir;

    @Test
    void prefixGroupsColumnsNamedAlikeInOrderOfFirstColumn() {
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 0}, FeatureGroups.parse("prefix", COLUMNS));
    }

    @Test
    void aFileNamesGroupsAndLeavesOtherColumnsAlone() throws Exception {
        Path f = dir.resolve("g.json");
        Files.writeString(f, "{\"sensor\": [\"x.2\", \"noise\"]}");
        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 4}, FeatureGroups.parse(f.toString(), COLUMNS));
    }

    @Test
    void badFilesAreNamed() throws Exception {
        Path unknown = dir.resolve("u.json");
        Files.writeString(unknown, "{\"a\": [\"nope\"]}");
        Path twice = dir.resolve("t.json");
        Files.writeString(twice, "{\"a\": [\"noise\"], \"b\": [\"noise\"]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureGroups.parse(unknown.toString(), COLUMNS))
                .getMessage()
                .contains("names column 'nope', which the data does not have"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureGroups.parse(twice.toString(), COLUMNS))
                .getMessage()
                .contains("column 'noise' is in group a and in group b"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> FeatureGroups.parse(dir.resolve("none.json").toString(), COLUMNS))
                .getMessage()
                .contains("cannot read"));
    }
}
