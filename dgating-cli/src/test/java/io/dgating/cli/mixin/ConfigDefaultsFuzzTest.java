package io.dgating.cli.mixin;

import io.dgating.api.data.InvalidDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random config files never crash the parser: a result, or an {@link InvalidDataException} naming the file. */
class ConfigDefaultsFuzzTest {

    private static Path file;

    @BeforeContainer
    static void create() throws IOException {
        file = Files.createTempFile("dgating-config", ".json");
    }

    @AfterContainer
    static void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.strings()
                .withChars("{}[]\":,0123456789.-eEtrufalsn lambdaepochs\\\n")
                .ofMaxLength(120);
    }

    @Property(tries = 2000)
    void neverCrashes(@ForAll("jsonLike") String text) throws IOException {
        Files.writeString(file, text);
        try {
            ConfigDefaults.read(file);
        } catch (InvalidDataException e) {
            if (!e.getMessage().startsWith(file.toString())) {
                throw new AssertionError("error without the file name: " + e.getMessage(), e);
            }
        }
    }
}
