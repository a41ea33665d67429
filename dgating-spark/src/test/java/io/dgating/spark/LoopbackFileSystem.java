package io.dgating.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system of its own scheme, {@code dgtest://}, over this machine's files (registered in
 * the test's {@code core-site.xml}): a URI that only Hadoop's client can read, as {@code hdfs://}
 * would be, without a name node.
 */
public final class LoopbackFileSystem extends RawLocalFileSystem {

    @Override
    public URI getUri() {
        return URI.create("dgtest:///");
    }

    @Override
    public String getScheme() {
        return "dgtest";
    }
}
