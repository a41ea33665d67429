package io.dgating.engine.djl.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochOrder;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Scoring;
import io.dgating.api.train.TrainableNetwork;
import io.dgating.api.train.TrainingRequest;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The DJL engine's side of the training loop: the network's parameters and optimizer state in a
 * parameter manager, and one step scope per batch (the ownership rules are in the package
 * documentation). Autograd recording is off on the training thread except inside a step's
 * gradient collector. Must be used and closed on the thread that created it.
 */
public final class DjlTrainableNetwork implements TrainableNetwork {

    /** Held while a step records and runs backward: DJL allows one gradient collector at a time per JVM. */
    private static final ReentrantLock RECORDING = new ReentrantLock();

    private final Engine engine;
    private long dropoutSeed;
    private long step;
    private final ModelSpec model;
    private final double weightDecay;
    private final boolean classification;
    private final int outputs;
    private final GradMode noGrad;
    private final NDManager paramsManager;
    private final boolean gatesFrozen;
    private final DjlNetwork net;
    private final List<NDArray> params;
    private final DjlOptimizer optimizer;
    private List<NDArray> grads = List.of();
    private NDScope stepScope;
    private NDManager stepManager;
    private final NativeArrays staging = new NativeArrays();

    /**
     * Loads the starting parameters onto the root manager's device.
     *
     * @param req the training request
     * @param start gated-form parameters to start from
     * @param engine the DJL engine
     * @param root manager on the chosen device, owned by the caller
     * @param threads PyTorch's intra-op threads for this training
     */
    public DjlTrainableNetwork(TrainingRequest req, ParameterSet start, Engine engine, NDManager root, int threads) {
        this.engine = engine;
        this.model = req.model();
        this.weightDecay = req.training().weightDecay();
        this.classification = model.head() == Head.SOFTMAX_CROSS_ENTROPY;
        this.outputs = model.outputSize();
        // the count is process-wide and read by DJL only when PyTorch starts: a second engine with
        // another count would otherwise run, and record, the first one's
        JniUtils.setNumThreads(threads);
        this.noGrad = GradMode.off();
        this.paramsManager = root.newSubManager();
        this.gatesFrozen = req.gatesFrozen();
        try {
            this.net = new DjlNetwork(model, req.gating(), start, paramsManager, true);
            this.params = net.list();
            this.optimizer = new DjlOptimizer(req.training().optimizer(), params, paramsManager);
        } catch (RuntimeException e) {
            paramsManager.close();
            noGrad.close();
            throw e;
        }
    }

    @Override
    public double lossAndGradients(float[] x, float[] targets, float[] teacher, double teacherWeight, int rows) {
        endStep();
        int cols = model.inputSize();
        float[] y = new float[classification ? rows * outputs : rows];
        // a sequence's targets: one class per position, one-hot over that position's outputs
        int positions = model.outputShape().rank() == 2 ? model.outputShape().dim(0) : 1;
        int classes = outputs / positions;
        for (int r = 0; r < rows; r++) {
            if (classification) {
                for (int p = 0; p < positions; p++) {
                    y[(r * positions + p) * classes + (int) targets[r * positions + p]] = 1f;
                }
            } else {
                y[r] = targets[r];
            }
        }
        if (teacher != null) {
            if (!classification || positions != 1) {
                throw new IllegalArgumentException("distillation needs a classifier with one label per row");
            }
            // the mixed target (1 - a) onehot + a teacher; the objective's -sum(y log softmax) takes any distribution
            for (int i = 0; i < rows * outputs; i++) {
                y[i] = (float) ((1 - teacherWeight) * y[i] + teacherWeight * teacher[i]);
            }
        }
        // the scope closes every array the step makes, also those derived from parameters (gate
        // products, collapsed weights) that would otherwise live as long as the parameters; it
        // stays open until the optimizer has used the gradients
        stepScope = new NDScope();
        stepManager = paramsManager.newSubManager();
        NDArray xs = staging.copyOf(stepManager, x, 0, rows * cols, new Shape(rows, cols));
        NDArray ys = staging.copyOf(stepManager, y, classification ? new Shape(rows, outputs) : new Shape(rows, 1));
        net.zeroGradients();
        Objective objective;
        // DJL allows one open GradientCollector per JVM (a process-wide flag): concurrent trainings,
        // such as a path's parallel runs, take turns for the recorded forward and backward pass
        RECORDING.lock();
        // PyTorch's generator is process-wide too: seeding it per step, from this run's own stream, keeps
        // dropout masks independent of whatever other training drew from it in between
        long stepSeed = EpochOrder.mix(dropoutSeed, step++);
        engine.setRandomSeed((int) (stepSeed ^ (stepSeed >>> 32)));
        try (GradientCollector gc = engine.newGradientCollector()) {
            objective = Objective.of(net, xs, ys, classification, weightDecay);
            gc.backward(objective.total());
        } finally {
            RECORDING.unlock();
        }
        if (gatesFrozen) {
            // a zero gradient from the first step on moves nothing under SGD (with momentum) and Adam
            net.zeroGateGradients();
        }
        double loss = objective.dataLoss().getFloat();
        List<NDArray> g = new ArrayList<>();
        for (NDArray p : params) {
            g.add(p.getGradient());
        }
        grads = g;
        return loss;
    }

    @Override
    public void step(double learningRate) {
        optimizer.step(params, grads, learningRate);
        endStep();
    }

    /** Closes the current step's arrays (gradient handles included), if a step is open. */
    private void endStep() {
        grads = List.of();
        if (stepScope != null) {
            stepManager.close();
            stepScope.close();
            stepManager = null;
            stepScope = null;
        }
    }

    @Override
    public void reseed(long seed) {
        dropoutSeed = seed;
        step = 0;
    }

    @Override
    public ParameterSet parameters() {
        return net.snapshot();
    }

    @Override
    public void setParameters(ParameterSet params) {
        endStep();
        for (var e : net.params().entrySet()) {
            e.getValue().set(FloatBuffer.wrap(params.get(e.getKey()).data()));
        }
    }

    @Override
    public ParameterSet optimizerState() {
        return optimizer.state(net.names());
    }

    @Override
    public void restoreOptimizer(ParameterSet state, long steps) {
        optimizer.restore(state, net.names(), steps);
    }

    @Override
    public Metrics evaluate(Dataset data) {
        if (data.rows() == 0) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return Scoring.of(
                DjlInference.predict(net, paramsManager, data.features(), data.rows(), data.cols()),
                data,
                model.head());
    }

    @Override
    public void close() {
        endStep();
        paramsManager.close();
        noGrad.close();
    }
}
