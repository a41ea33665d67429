package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineException;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DJL must start from the native jar alone and never touch the network. Every http(s) URL the
 * JVM opens goes through a stream handler installed here, before any DJL class loads (failsafe
 * gives every test class of this module a fresh JVM); any attempt is recorded and fails.
 */
class OfflineIT {

    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    static {
        URL.setURLStreamHandlerFactory(protocol -> protocol.startsWith("http")
                ? new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(URL u) throws IOException {
                        ATTEMPTS.add(u.toString());
                        throw new IOException("network access attempted in a test: " + u);
                    }
                }
                : null);
    }

    @Test
    void theGuardSeesAnAttempt() {
        // control: the guard is live in this JVM (loopback, and the handler refuses before connecting)
        int before = ATTEMPTS.size();
        org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> new URL("http://127.0.0.1:9/guard").openConnection());
        assertEquals(before + 1, ATTEMPTS.size());
        ATTEMPTS.remove(ATTEMPTS.size() - 1);
    }

    @Test
    void engineStartsOfflineWithTheNativeJarAndMakesNoRequest() {
        try (DjlEngine engine = new DjlEngine(new EngineConfig(1, "auto"))) {
            assertEquals("djl", engine.name());
            assertTrue(engine.describe().startsWith("djl, PyTorch 2.5.1 on cpu"), engine.describe());
            float[] out = engine.predict(
                    ModelSpec.mlp(2, List.of(), 1, Activation.IDENTITY, Head.SQUARED_ERROR),
                    new ParameterSet(Map.of(
                            "dense1.weight", new Tensor(new int[] {1, 2}, new float[] {2f, 3f}),
                            "dense1.bias", new Tensor(new int[] {1}, new float[] {1f}))),
                    new float[] {1f, 1f},
                    1);
            assertEquals(6f, out[0]);
        }
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertTrue(ATTEMPTS.isEmpty(), "DJL tried to reach " + ATTEMPTS);
    }

    @Test
    void askingForAGpuWithoutOneIsAClearError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0,
                "a GPU is present; this test is about machines without one");
        EngineException e = org.junit.jupiter.api.Assertions.assertThrows(
                EngineException.class, () -> new DjlEngine(new EngineConfig(1, "gpu")));
        assertTrue(e.getMessage().contains("PyTorch sees no GPU"), e.getMessage());
    }
}
