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
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochOrder;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Scoring;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop on PyTorch: the same batches (the API's per-epoch row order), learning-rate
 * schedule, penalty and update rules as the CPU engine. Every array a step creates is closed at
 * the end of the step, so native memory does not grow with the run; the ownership rules are in
 * the package documentation.
 */
public final class DjlTrainer {

    private DjlTrainer() {
    }

    /**
     * Trains as requested.
     *
     * @param req what to train
     * @param engine the DJL engine
     * @param root manager on the chosen device, owned by the caller
     * @param threads PyTorch's intra-op threads for this training
     * @param provenance engine facts recorded in the result
     * @return the result
     */
    public static TrainingResult train(TrainingRequest req, Engine engine, NDManager root, int threads,
            Map<String, String> provenance) {
        if (req.resumeFrom().isPresent()) {
            throw new IllegalArgumentException("the djl engine does not resume from checkpoints yet; use the cpu engine");
        }
        TrainingConfig cfg = req.training();
        // the count is process-wide and read by DJL only when PyTorch starts: a second engine with
        // another count would otherwise run, and record, the first one's
        JniUtils.setNumThreads(threads);
        engine.setRandomSeed((int) cfg.seed());
        ParameterSet start = req.initialParameters()
                .orElseGet(() -> ParameterInitializer.initialize(req.model(), req.gating(), cfg.seed()));
        try (GradMode noGrad = GradMode.off(); NDManager paramsManager = root.newSubManager()) {
            DjlNetwork net = new DjlNetwork(req.model(), req.gating(), start, paramsManager, true);
            List<NDArray> params = net.list();
            DjlOptimizer optimizer = new DjlOptimizer(cfg.optimizer(), params, paramsManager);
            DatasetSplits data = req.data();
            Dataset train = data.train();
            int n = train.rows();
            int cols = train.cols();
            int batch = Math.min(cfg.batchSize(), n);
            int stepsPerEpoch = (n + batch - 1) / batch;
            long totalSteps = (long) stepsPerEpoch * cfg.epochs();
            int outputs = req.model().outputSize();
            boolean classification = req.model().head() == Head.SOFTMAX_CROSS_ENTROPY;
            List<EpochStats> history = new ArrayList<>();
            req.listener().onStart(cfg.epochs(), stepsPerEpoch);
            long step = 0;
            double lr = cfg.learningRate();
            TrainingCheckpoint lastGood = new TrainingCheckpoint(0, 0, start, new ParameterSet(Map.of()), List.of());
            float[] x = new float[batch * cols];
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                int[] order = EpochOrder.permutation(cfg.seed(), epoch, n);
                double lossSum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int from = s * batch;
                    int b = Math.min(batch, n - from);
                    float[] target = new float[classification ? b * outputs : b];
                    for (int r = 0; r < b; r++) {
                        train.copyRow(order[from + r], x, r * cols);
                        if (classification) {
                            target[r * outputs + (int) train.target(order[from + r])] = 1f;
                        } else {
                            target[r] = train.target(order[from + r]);
                        }
                    }
                    double loss;
                    // the scope closes every array the step makes, also those derived from parameters
                    // (gate products, collapsed weights), which would otherwise live as long as the parameters
                    try (NDScope scope = new NDScope(); NDManager stepManager = paramsManager.newSubManager()) {
                        NDArray xs = NativeArrays.copyOf(stepManager, FloatBuffer.wrap(x, 0, b * cols), new Shape(b, cols));
                        NDArray ys = NativeArrays.copyOf(stepManager, target,
                                classification ? new Shape(b, outputs) : new Shape(b, 1));
                        net.zeroGradients();
                        Objective objective;
                        try (GradientCollector gc = engine.newGradientCollector()) {
                            objective = Objective.of(net, xs, ys, classification, cfg.weightDecay());
                            gc.backward(objective.total());
                        }
                        loss = objective.dataLoss().getFloat();
                        if (!Double.isFinite(loss)) {
                            throw new TrainingDivergedException("training diverged in epoch " + epoch + ", step "
                                    + (step + 1) + ": data loss is " + loss + " (learning rate " + lr
                                    + "); lower the learning rate or lambda", lastGood);
                        }
                        lr = cfg.schedule().rate(cfg.learningRate(), step, totalSteps);
                        List<NDArray> grads = new ArrayList<>();
                        for (NDArray p : params) {
                            grads.add(p.getGradient());
                        }
                        optimizer.step(params, grads, lr);
                    }
                    step++;
                    lossSum += loss * b;
                    req.listener().onStep(step, loss);
                }
                ParameterSet snapshot = net.snapshot();
                TrainingDivergedException.requireFinite(snapshot, epoch, lastGood);
                Map<String, Integer> alive = GateCollapse.groupsAlive(req.model(), req.gating(), snapshot);
                double penalty = 0;
                for (var e : snapshot.asMap().entrySet()) {
                    if (net.isGatedFactor(e.getKey())) {
                        for (int i = 0; i < e.getValue().size(); i++) {
                            penalty += (double) e.getValue().get(i) * e.getValue().get(i);
                        }
                    }
                }
                EpochStats stats = new EpochStats(epoch, lossSum / n, req.gating().factorDecay() * penalty,
                        evaluate(net, paramsManager, data.validation(), req.model()), alive, lr);
                history.add(stats);
                req.listener().onEpoch(stats);
                lastGood = new TrainingCheckpoint(epoch, step, snapshot, new ParameterSet(Map.of()), history);
            }
            Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
            metrics.put(Split.TRAIN, evaluate(net, paramsManager, data.train(), req.model()));
            metrics.put(Split.VALIDATION, evaluate(net, paramsManager, data.validation(), req.model()));
            metrics.put(Split.TEST, evaluate(net, paramsManager, data.test(), req.model()));
            return new TrainingResult(req.model(), req.gating(), cfg, net.snapshot(), data.standardization(),
                    train.featureNames(), train.classNames(), history, metrics, provenance);
        }
    }

    /**
     * Returns the model's outputs in inference mode, in batches of 1,024 rows.
     *
     * @param net the network
     * @param manager parent of the temporary arrays
     * @param x row-major inputs
     * @param rows number of rows
     * @param cols features per row
     * @return row-major outputs
     */
    public static float[] predict(DjlNetwork net, NDManager manager, float[] x, int rows, int cols) {
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int start = 0; start < rows; start += 1024) {
            int b = Math.min(1024, rows - start);
            try (GradMode noGrad = GradMode.off(); NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
                NDArray in = NativeArrays.copyOf(m, FloatBuffer.wrap(x, start * cols, b * cols), new Shape(b, cols));
                float[] out = net.forward(in, false).toFloatArray();
                parts.add(out);
                total += out.length;
            }
        }
        float[] all = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static Metrics evaluate(DjlNetwork net, NDManager manager, Dataset d, ModelSpec model) {
        if (d.rows() == 0) {
            return new Metrics(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return Scoring.of(predict(net, manager, d.features(), d.rows(), d.cols()), d, model.head());
    }
}
