package io.dgating.api.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * A file system other than this machine's that data files can be read from, such as a cluster's
 * Hadoop file system ({@code hdfs://...}); found through {@link ServiceLoader}, so that the module
 * bringing one (dgating-spark brings Hadoop's client) stays optional.
 */
public interface RemoteFiles {

    /**
     * Says whether this file system reads a URI scheme.
     *
     * @param scheme the scheme, lower case, e.g. {@code hdfs}
     * @return whether {@link #copy} can read URIs of it
     */
    boolean reads(String scheme);

    /**
     * Copies a file to this machine.
     *
     * @param from the remote file
     * @param to a local file to write (it exists, empty, and is replaced)
     * @throws IOException if the file cannot be read
     */
    void copy(URI from, Path to) throws IOException;

    /**
     * Resolves a data argument to a local file: a path as it is, a {@code file:} URI to its path,
     * and a URI of another scheme copied into a temporary file (named after the original, deleted
     * when the JVM exits) by the first file system that reads that scheme.
     *
     * @param pathOrUri a path, or a URI such as {@code hdfs://namenode/data/train.csv}
     * @return a local file
     * @throws IllegalArgumentException if no file system on the class path reads the scheme
     * @throws UncheckedIOException if the copy fails
     */
    static Path local(String pathOrUri) {
        if (!Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://.*").matcher(pathOrUri).matches()) {
            return Path.of(pathOrUri);
        }
        URI uri = URI.create(pathOrUri);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return Path.of(uri);
        }
        for (RemoteFiles files : ServiceLoader.load(RemoteFiles.class)) {
            if (files.reads(scheme)) {
                String name = Path.of(uri.getPath()).getFileName() == null
                        ? "data"
                        : Path.of(uri.getPath()).getFileName().toString();
                try {
                    Path local = Files.createTempFile("dgating-", "-" + name);
                    local.toFile().deleteOnExit();
                    files.copy(uri, local);
                    return local;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + pathOrUri + ": " + e.getMessage(), e);
                }
            }
        }
        throw new IllegalArgumentException("no file system for " + scheme + ":// URIs on the class path ("
                + pathOrUri + "); the dgating-spark module reads the schemes of Hadoop's client (./dgating adds it "
                + "with --spark), or copy the file to this machine");
    }
}
