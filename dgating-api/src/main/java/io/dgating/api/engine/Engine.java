package io.dgating.api.engine;

import io.dgating.api.ExtensionPoint;
import io.dgating.api.ParameterSet;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A training backend. Owns whatever native or thread resources it needs; the creator closes
 * it. Methods may be called from several threads only where an implementation says so.
 */
@ExtensionPoint
public interface Engine extends AutoCloseable {

    /** {@return the engine's name, as its provider gives it} */
    String name();

    /**
     * Returns seeded initial parameters in gated form: weights as the layer would initialise
     * them (omega for gated layers), biases, and gates set to 1. The default is the shared
     * {@link io.dgating.api.gating.ParameterInitializer}, so every engine starts from the same tensors.
     *
     * @param model the architecture
     * @param gating the gating
     * @param seed the seed
     * @return initial parameters
     */
    default ParameterSet initialize(ModelSpec model, GatingConfig gating, long seed) {
        gating.validateAgainst(model);
        return ParameterInitializer.initialize(model, gating, seed);
    }

    /**
     * Returns the layer kinds this engine implements.
     *
     * @return the kinds it can train and run
     */
    Set<LayerKind> layerKinds();

    /**
     * Checks, before anything is allocated or trained, that this engine implements every layer of a model.
     *
     * @param model the model
     * @throws IllegalArgumentException naming the first layer of a kind the engine lacks
     */
    default void checkSupports(ModelSpec model) {
        for (LayerSpec l : model.layers()) {
            if (!layerKinds().contains(l.kind())) {
                throw new IllegalArgumentException("the " + name() + " engine does not implement layer kind "
                        + l.kind().id() + " (layer '" + l.name() + "'); it implements "
                        + layerKinds().stream().map(LayerKind::id).sorted().toList());
            }
        }
    }

    /**
     * Trains a model.
     *
     * @param request what to train on what
     * @return the result
     * @throws IllegalArgumentException if the model has a layer kind the engine does not implement
     * @throws io.dgating.api.train.TrainingDivergedException if the loss becomes non-finite
     */
    TrainingResult train(TrainingRequest request);

    /**
     * Runs the model in inference mode (dropout off) and returns its raw outputs (logits for
     * classification), row-major {@code [rows, outputs]}.
     *
     * @param model the architecture
     * @param plainParameters ungated parameters, e.g. {@link TrainingResult#collapsed()}
     * @param features row-major {@code [rows, model.inputSize()]}
     * @param rows number of rows
     * @return the outputs
     */
    float[] predict(ModelSpec model, ParameterSet plainParameters, float[] features, int rows);

    /**
     * Returns a one-line description of how the engine computes (device, kernels), for logs
     * and benchmark reports.
     *
     * @return the description
     */
    default String describe() {
        return name();
    }

    /**
     * Measures the floating-point peak this engine's compute can reach on this machine (two
     * operations per fused multiply-add, operands in registers, all of the engine's threads at
     * once), so benchmarks can show how far a workload is from the limit. Takes about the given
     * time.
     *
     * @param millis how long to measure
     * @return GFLOP/s, or empty when the engine cannot measure it (its work runs in native code)
     */
    default OptionalDouble peakGflops(long millis) {
        return OptionalDouble.empty();
    }

    /** Releases the engine's resources; idempotent. */
    @Override
    void close();
}
