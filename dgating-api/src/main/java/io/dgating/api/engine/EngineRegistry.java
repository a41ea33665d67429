package io.dgating.api.engine;

import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The engines on the class path, and the rule that picks one: an explicit name, else the
 * system property {@code dgating.engine}, else the available engine of lowest priority.
 */
public final class EngineRegistry {

    /** System property naming the engine when no explicit name is given. */
    public static final String ENGINE_PROPERTY = "dgating.engine";

    private final List<EngineProvider> providers;

    /**
     * Creates a registry over the given providers (Guice passes its multibound set).
     *
     * @param providers the providers
     */
    @Inject
    public EngineRegistry(Set<EngineProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(EngineProvider::priority).thenComparing(EngineProvider::name))
                .toList();
    }

    /**
     * Returns a registry of the providers {@link ServiceLoader} finds, for use without Guice.
     *
     * @return the registry
     */
    public static EngineRegistry fromServiceLoader() {
        Set<EngineProvider> found = new HashSet<>();
        ServiceLoader.load(EngineProvider.class).forEach(found::add);
        return new EngineRegistry(found);
    }

    /** {@return all providers, by priority} */
    public List<EngineProvider> providers() {
        return providers;
    }

    /**
     * Returns the provider to use.
     *
     * @param name an engine name, {@code auto}, or null for the property or the default
     * @return the chosen provider
     * @throws EngineException if the name is unknown or the engine unavailable, listing the
     *     available ones
     */
    public EngineProvider select(String name) {
        String wanted = name;
        if (wanted == null || wanted.isBlank() || wanted.equals("auto")) {
            wanted = System.getProperty(ENGINE_PROPERTY);
        }
        if (wanted == null || wanted.isBlank() || wanted.equals("auto")) {
            return providers.stream()
                    .filter(EngineProvider::isAvailable)
                    .findFirst()
                    .orElseThrow(() -> new EngineException(
                            "no engine is available; have " + names() + ". Add dgating-engine-cpu to the class path.",
                            null));
        }
        for (EngineProvider p : providers) {
            if (p.name().equals(wanted)) {
                if (!p.isAvailable()) {
                    throw new EngineException(
                            "engine '" + wanted + "' is on the class path but cannot run here; " + "available: "
                                    + available(),
                            null);
                }
                return p;
            }
        }
        throw new EngineException(
                "unknown engine '" + wanted + "'; available: " + available() + " (choose with --engine or -D"
                        + ENGINE_PROPERTY + "=NAME)",
                null);
    }

    /**
     * Selects and creates an engine.
     *
     * @param name as for {@link #select(String)}
     * @param config engine settings
     * @return a new engine the caller must close
     */
    public Engine create(String name, EngineConfig config) {
        EngineProvider p = select(name);
        try {
            return p.create(config);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new EngineException(
                    "engine '" + p.name() + "' failed to start: " + e + "; choose another with --engine or -D"
                            + ENGINE_PROPERTY + "=NAME",
                    e);
        }
    }

    private List<String> names() {
        return providers.stream().map(EngineProvider::name).toList();
    }

    private List<String> available() {
        return providers.stream()
                .filter(EngineProvider::isAvailable)
                .map(EngineProvider::name)
                .toList();
    }
}
