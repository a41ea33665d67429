package io.dgating.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Selection rules of the registry, with stand-in providers (the test is about the selection code). */
class EngineRegistryTest {

    private record Fake(String name, int priority, boolean isAvailable) implements EngineProvider {
        @Override
        public Engine create(EngineConfig config) {
            throw new IllegalStateException("natives missing");
        }
    }

    private final EngineRegistry registry = new EngineRegistry(
            Set.of(new Fake("cpu", 0, true), new Fake("djl", 10, true), new Fake("gpu-only", -5, false)));

    @Test
    void defaultIsTheAvailableEngineOfLowestPriority() {
        assertEquals("cpu", registry.select(null).name());
        assertEquals("cpu", registry.select("auto").name());
        assertEquals("djl", registry.select("djl").name());
    }

    @Test
    void systemPropertyChoosesWhenNoNameIsGiven() {
        System.setProperty(EngineRegistry.ENGINE_PROPERTY, "djl");
        try {
            assertEquals("djl", registry.select(null).name());
            assertEquals("cpu", registry.select("cpu").name());
        } finally {
            System.clearProperty(EngineRegistry.ENGINE_PROPERTY);
        }
    }

    @Test
    void unknownOrUnavailableEnginesListTheAvailableOnes() {
        assertTrue(assertThrows(EngineException.class, () -> registry.select("tpu"))
                .getMessage()
                .contains("unknown engine 'tpu'; available: [cpu, djl]"));
        assertTrue(assertThrows(EngineException.class, () -> registry.select("gpu-only"))
                .getMessage()
                .contains("cannot run here"));
    }

    @Test
    void startFailuresAreWrappedWithTheEngineName() {
        EngineException e = assertThrows(EngineException.class, () -> registry.create("djl", EngineConfig.defaults()));
        assertTrue(e.getMessage().startsWith("engine 'djl' failed to start"), e.getMessage());
    }
}
