package io.dgating.engine.cpu;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineProvider;

/** Provides the {@link CpuEngine}: pure Java, so always available, and the default (priority 0). */
public final class CpuEngineProvider implements EngineProvider {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return CpuEngine.NAME;
    }

    /** {@inheritDoc} */
    @Override
    public int priority() {
        return 0;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isAvailable() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public Engine create(EngineConfig config) {
        return new CpuEngine(config);
    }
}
