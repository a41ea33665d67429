package io.dgating.api.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code scripts/fetch-data.sh} puts the large datasets: the system property
 * {@code dgating.data.dir}, else the environment variable {@code DGATING_DATA_DIR}, else
 * {@code ~/.cache/dgating}. Sub-folders {@code mnist/} and {@code fashion-mnist/} hold the
 * four IDX files each.
 *
 * @param root the cache directory
 */
public record DataDirectory(Path root) {

    private static final List<String> FASHION_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    private static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /**
     * Returns the configured directory (which may not exist).
     *
     * @return the data directory
     */
    public static DataDirectory fromEnvironment() {
        String prop = System.getProperty("dgating.data.dir");
        if (prop != null && !prop.isBlank()) {
            return new DataDirectory(Path.of(prop));
        }
        String env = System.getenv("DGATING_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return new DataDirectory(Path.of(env));
        }
        return new DataDirectory(Path.of(System.getProperty("user.home"), ".cache", "dgating"));
    }

    /**
     * Returns the train and test parts of an IDX dataset if all its files are present.
     *
     * @param name {@code mnist} or {@code fashion-mnist}
     * @return {@code [train, test]}, or empty when not fetched
     */
    public Optional<Dataset[]> idx(String name) {
        List<String> classes = name.equals("fashion-mnist") ? FASHION_CLASSES : DIGIT_CLASSES;
        Path dir = root.resolve(name);
        Path[] files = {
            find(dir, "train-images-idx3-ubyte"), find(dir, "train-labels-idx1-ubyte"),
            find(dir, "t10k-images-idx3-ubyte"), find(dir, "t10k-labels-idx1-ubyte")
        };
        for (Path f : files) {
            if (f == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new Dataset[] {
            IdxReader.read(files[0], files[1], name + "/train", classes),
            IdxReader.read(files[2], files[3], name + "/test", classes)
        });
    }

    /**
     * Returns a fetched text corpus's file if it is present.
     *
     * @param name {@code moby-dick}
     * @return the UTF-8 file, or empty when not fetched
     */
    public Optional<Path> text(String name) {
        Path f = root.resolve(name).resolve(name + ".txt");
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private static Path find(Path dir, String base) {
        for (Path p : List.of(dir.resolve(base), dir.resolve(base + ".gz"))) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
