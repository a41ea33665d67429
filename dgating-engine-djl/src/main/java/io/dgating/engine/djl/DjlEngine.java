package io.dgating.engine.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dgating.api.ParameterSet;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineException;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingLoop;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.djl.internal.DjlInference;
import io.dgating.engine.djl.internal.DjlLayers;
import io.dgating.engine.djl.internal.DjlNetwork;
import io.dgating.engine.djl.internal.DjlTrainableNetwork;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains on PyTorch through DJL, on the GPU when one is visible ({@code device auto}) or asked
 * for ({@code gpu}, an error when there is none), else on the CPU. Owns a root NDManager on
 * that device, closed by {@link #close()}. Not for concurrent use: one training at a time.
 */
public final class DjlEngine implements Engine {

    /** The engine's name. */
    public static final String NAME = "djl";

    private static final System.Logger LOG = System.getLogger(DjlEngine.class.getName());

    private final ai.djl.engine.Engine engine;
    private final Device device;
    private final NDManager root;
    private final int threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Starts PyTorch (offline) on the chosen device.
     *
     * @param config engine settings
     * @throws EngineException if PyTorch cannot start or a GPU is asked for and none is visible
     */
    public DjlEngine(EngineConfig config) {
        DjlOffline.ensure();
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            // DJL sets PyTorch's intra-op thread count from this once, when PyTorch starts; each
            // training then sets its engine's own count (the count is process-wide)
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(config.effectiveThreads()));
        }
        try {
            this.engine = ai.djl.engine.Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            throw new EngineException(
                    "engine 'djl' could not start PyTorch: " + e.getMessage()
                            + "; is ai.djl.pytorch:pytorch-native-cpu (or -cu124 with -Dcuda) on the class path? "
                            + "Choose another engine with --engine cpu",
                    e);
        }
        int gpus = engine.getGpuCount();
        switch (config.device()) {
            case "gpu" -> {
                if (gpus == 0) {
                    throw new EngineException(
                            "engine 'djl': device gpu was asked for but PyTorch sees no GPU "
                                    + "(CPU build of the natives, or no CUDA driver); use --device auto or cpu",
                            null);
                }
                device = Device.gpu();
            }
            case "cpu" -> device = Device.cpu();
            default -> device = gpus > 0 ? Device.gpu() : Device.cpu();
        }
        threads = config.effectiveThreads();
        LOG.log(System.Logger.Level.INFO, "djl engine: PyTorch " + engine.getVersion() + " on " + device);
        root = NDManager.newBaseManager(device, "PyTorch");
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@return the device the engine computes on, e.g. {@code cpu()} or {@code gpu(0)}} */
    public String device() {
        return device.toString();
    }

    /** {@inheritDoc} */
    @Override
    public String describe() {
        return "djl, PyTorch " + engine.getVersion() + " on " + device;
    }

    /** {@inheritDoc} */
    @Override
    public Set<LayerKind> layerKinds() {
        return DjlLayers.KINDS;
    }

    /** {@inheritDoc} */
    @Override
    public TrainingResult train(TrainingRequest request) {
        ensureOpen();
        checkSupports(request.model());
        return TrainingLoop.run(
                request,
                start -> new DjlTrainableNetwork(request, start, engine, root, threads),
                Map.of(
                        "engine", NAME,
                        "device", device.toString(),
                        "threads", Integer.toString(threads),
                        "pytorch", engine.getVersion(),
                        "java.version", System.getProperty("java.version"),
                        "os.name", System.getProperty("os.name"),
                        "os.arch", System.getProperty("os.arch")));
    }

    /** {@inheritDoc} */
    @Override
    public float[] predict(ModelSpec model, ParameterSet plainParameters, float[] features, int rows) {
        ensureOpen();
        checkSupports(model);
        try (NDManager m = root.newSubManager()) {
            DjlNetwork net = new DjlNetwork(model, GatingConfig.none(), plainParameters, m, false);
            return DjlInference.predict(net, m, features, rows, model.inputSize());
        }
    }

    /** Releases PyTorch memory held by the engine; idempotent. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            root.close();
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the djl engine is closed");
        }
    }
}
