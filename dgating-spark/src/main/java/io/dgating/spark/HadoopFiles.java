package io.dgating.spark;

import io.dgating.api.data.RemoteFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Data files on any file system Hadoop's client knows ({@code hdfs://}, {@code webhdfs://}, and
 * what the cluster's {@code core-site.xml} adds), so that every task of a cluster reads a data set
 * from the same URI. Found through {@link java.util.ServiceLoader} by {@link RemoteFiles#local}.
 */
public final class HadoopFiles implements RemoteFiles {

    /** Creates the file system access (found through {@link java.util.ServiceLoader}). */
    public HadoopFiles() {
        // no state: each call reads the Hadoop configuration on the class path
    }

    @Override
    public boolean reads(String scheme) {
        try {
            FileSystem.getFileSystemClass(scheme, new Configuration());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void copy(URI from, Path to) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(from, new Configuration())) {
            // raw local destination: no .crc file beside the copy
            fs.copyToLocalFile(
                    false, new org.apache.hadoop.fs.Path(from), new org.apache.hadoop.fs.Path(to.toUri()), true);
        }
    }
}
