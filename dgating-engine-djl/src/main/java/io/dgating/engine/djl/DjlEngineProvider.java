package io.dgating.engine.djl;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineProvider;

/**
 * Provides the {@link DjlEngine}. Available when DJL's PyTorch engine is on the class path;
 * checking that loads no native code. Priority 10: the CPU engine stays the default.
 */
public final class DjlEngineProvider implements EngineProvider {

    /** {@inheritDoc} */
    @Override
    public String name() {
        return DjlEngine.NAME;
    }

    /** {@inheritDoc} */
    @Override
    public int priority() {
        return 10;
    }

    /** {@inheritDoc} */
    @Override
    public boolean isAvailable() {
        try {
            // initialize = false: finding the class runs none of its static code, so no natives load
            Class.forName("ai.djl.pytorch.engine.PtEngineProvider", false, DjlEngineProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@inheritDoc} */
    @Override
    public Engine create(EngineConfig config) {
        return new DjlEngine(config);
    }
}
