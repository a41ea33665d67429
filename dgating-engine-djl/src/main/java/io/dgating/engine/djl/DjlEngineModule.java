package io.dgating.engine.djl;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.dgating.api.engine.EngineProvider;

/** Binds {@link DjlEngineProvider} into the set of engine providers; found through {@link java.util.ServiceLoader}. */
public final class DjlEngineModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), EngineProvider.class).addBinding().to(DjlEngineProvider.class);
    }
}
