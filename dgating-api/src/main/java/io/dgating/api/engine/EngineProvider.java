package io.dgating.api.engine;

import io.dgating.api.ExtensionPoint;

/**
 * Describes an engine and creates it. Listed in
 * {@code META-INF/services/io.dgating.api.engine.EngineProvider} and bound by the engine's
 * Guice module.
 */
@ExtensionPoint
public interface EngineProvider {

    /** {@return the engine's name, e.g. {@code cpu}} */
    String name();

    /** {@return the selection rank; the available engine with the lowest value is the default} */
    int priority();

    /**
     * Returns whether the engine can run here. Must be cheap and must not load native code.
     *
     * @return true if {@link #create} is expected to succeed
     */
    boolean isAvailable();

    /**
     * Creates the engine; native code loads here, not before.
     *
     * @param config common engine settings
     * @return a new engine the caller must close
     * @throws EngineException if the engine cannot start
     */
    Engine create(EngineConfig config);
}
