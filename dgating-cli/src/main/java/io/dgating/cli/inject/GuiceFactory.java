package io.dgating.cli.inject;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands through Guice (constructor injection), falling back to its own factory. */
public final class GuiceFactory implements CommandLine.IFactory {

    private final Injector injector;

    /**
     * Creates the factory.
     *
     * @param injector the injector holding engine and output bindings
     */
    public GuiceFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            return injector.getInstance(cls);
        } catch (ConfigurationException e) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
