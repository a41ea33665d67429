package io.dgating.store;

import java.io.IOException;
import java.nio.file.Path;

/** A child JVM for {@link AtomicFilesShutdownTest}: writes one file over and over until it is killed. */
public final class AtomicWriterChild {

    private AtomicWriterChild() {}

    /**
     * Writes {@code args[0]/file.bin} atomically in a loop, printing "writing" once started.
     *
     * @param args the directory
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).resolve("file.bin");
        byte[] bytes = new byte[64 * 1024];
        boolean said = false;
        while (true) {
            try {
                AtomicFiles.write(target, bytes, true);
            } catch (IOException shuttingDown) {
                return;
            }
            if (!said) {
                System.out.println("writing");
                System.out.flush();
                said = true;
            }
        }
    }
}
