package io.dgating.cli.mixin;

import io.dgating.api.engine.EngineConfig;
import picocli.CommandLine.Option;

/** Which engine, with how many threads, on which device. */
public final class EngineOptions {

    @Option(
            names = "--engine",
            defaultValue = "auto",
            description = "Training engine: cpu (pure Java), djl (PyTorch via DJL; GPU when present), or auto "
                    + "(the default engine, cpu; -Ddgating.engine=NAME overrides). Default: ${DEFAULT-VALUE}.")
    String engine;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Worker threads of the engine; 0 = all cores. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "auto, cpu or gpu (engines without GPU support refuse gpu). Default: ${DEFAULT-VALUE}.")
    String device;

    /** {@return the engine name ({@code auto} for the default)} */
    public String engine() {
        return engine;
    }

    /** {@return the engine settings} */
    public EngineConfig config() {
        return new EngineConfig(threads, device);
    }

    /**
     * Returns the engine settings of one unit of a distributed run.
     *
     * @param cores cores the unit may use (a Spark task's CPUs), 0 for all of the machine's
     * @return these settings with {@code cores} threads, unless {@code --threads} was given
     */
    public EngineConfig configForUnit(int cores) {
        return threads > 0 || cores <= 0 ? config() : new EngineConfig(cores, device);
    }

    /**
     * Returns the engine settings of one engine that {@code workers} trainings use at once: unless
     * {@code --threads} says otherwise each gets its share of the cores. An engine with all cores
     * under several trainings at once keeps its helper threads spinning against them (an MNIST path
     * with two at a time on two cores ran 1.4x slower with two engine threads than with one).
     *
     * @param workers trainings at once on the engine
     * @return the settings
     */
    public EngineConfig configSharedBy(int workers) {
        return workers <= 1
                ? config()
                : configForUnit(Math.max(1, Runtime.getRuntime().availableProcessors() / workers));
    }
}
