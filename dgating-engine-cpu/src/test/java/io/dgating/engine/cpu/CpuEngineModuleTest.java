package io.dgating.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineProvider;
import io.dgating.api.engine.EngineRegistry;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The engine's service registrations: ServiceLoader and Guice both find it, and it is the default. */
class CpuEngineModuleTest {

    @Test
    void serviceLoaderFindsTheProviderAndTheModule() {
        List<String> providers = StreamSupport.stream(
                        ServiceLoader.load(EngineProvider.class).spliterator(), false)
                .map(EngineProvider::name)
                .toList();
        assertEquals(List.of("cpu"), providers);
        List<Class<?>> modules = StreamSupport.stream(
                        ServiceLoader.load(Module.class).spliterator(), false)
                .<Class<?>>map(Object::getClass)
                .toList();
        assertEquals(List.of(CpuEngineModule.class), modules);
    }

    @Test
    void guiceWiresTheRegistryWithTheCpuEngineAsDefault() {
        EngineRegistry registry = Guice.createInjector(new CpuEngineModule()).getInstance(EngineRegistry.class);
        EngineProvider p = registry.select(null);
        assertEquals("cpu", p.name());
        try (Engine e = registry.create(null, new EngineConfig(2, "auto"))) {
            assertEquals("cpu", e.name());
            assertEquals(2, ((CpuEngine) e).threads());
        }
    }

    @Test
    void measuresAPositivePeak() {
        try (CpuEngine e = new CpuEngine(new EngineConfig(2, "cpu"))) {
            double peak = e.peakGflops(50).orElseThrow();
            assertTrue(peak > 0 && Double.isFinite(peak), "peak " + peak);
        }
    }

    @Test
    void refusesAGpuAndUseAfterClose() {
        assertThrows(IllegalArgumentException.class, () -> new CpuEngine(new EngineConfig(1, "gpu")));
        CpuEngine e = new CpuEngine(new EngineConfig(1, "cpu"));
        e.close();
        e.close();
        assertTrue(assertThrows(IllegalStateException.class, () -> e.predict(null, null, new float[0], 0))
                .getMessage()
                .contains("closed"));
    }
}
