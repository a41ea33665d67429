package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Data arguments to local files; without a remote file system on the class path, a URI says what is missing. */
class RemoteFilesTest {

    @Test
    void pathsStayAndFileUrisBecomePaths() {
        assertEquals(Path.of("data/train.csv"), RemoteFiles.local("data/train.csv"));
        assertEquals(Path.of("C:/x.csv"), RemoteFiles.local("C:/x.csv"), "a drive letter is not a scheme");
        assertEquals(Path.of("/tmp/a b.csv"), RemoteFiles.local("file:///tmp/a%20b.csv"));
    }

    @Test
    void anUnreadableSchemeNamesTheModuleThatReadsIt() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> RemoteFiles.local("hdfs://namenode:8020/data/train.csv"));
        assertTrue(
                e.getMessage().contains("no file system for hdfs:// URIs")
                        && e.getMessage().contains("dgating-spark"),
                e.getMessage());
    }
}
