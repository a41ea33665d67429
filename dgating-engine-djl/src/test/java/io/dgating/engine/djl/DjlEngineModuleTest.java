package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.dgating.api.engine.EngineProvider;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.engine.cpu.CpuEngineModule;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Registrations: ServiceLoader and Guice find the DJL engine; the CPU engine stays the default. */
class DjlEngineModuleTest {

    @Test
    void registeredButNotTheDefault() {
        List<String> names = StreamSupport.stream(
                        ServiceLoader.load(EngineProvider.class).spliterator(), false)
                .map(EngineProvider::name)
                .sorted()
                .toList();
        assertEquals(List.of("cpu", "djl"), names);
        EngineRegistry registry = Guice.createInjector(new DjlEngineModule(), new CpuEngineModule())
                .getInstance(EngineRegistry.class);
        assertEquals("cpu", registry.select(null).name());
        assertEquals("djl", registry.select("djl").name());
        assertTrue(new DjlEngineProvider().isAvailable());
    }
}
