package io.dgating.engine.cpu.internal;

import io.dgating.api.train.EpochOrder;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.kernel.GemmMt;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop: seeded shuffling, mini-batch steps on data loss plus D-Gating penalty
 * and ordinary decay, per-step learning-rate schedule, per-epoch validation and group
 * counts. Everything random derives from the training seed and the epoch, and the kernels are
 * deterministic, so a seed reproduces a run bit for bit on any thread count, and a run resumed
 * from a checkpoint ends exactly where the uninterrupted run ends.
 */
public final class Trainer {

    private Trainer() {
    }

    /**
     * Trains as requested.
     *
     * @param req what to train
     * @param gemm matrix kernel
     * @param provenance engine facts recorded in the result
     * @return the result
     */
    public static TrainingResult train(TrainingRequest req, GemmMt gemm, Map<String, String> provenance) {
        TrainingConfig cfg = req.training();
        TrainingCheckpoint resume = req.resumeFrom().orElse(null);
        ParameterSet start = resume != null ? resume.parameters() : req.initialParameters()
                .orElseGet(() -> ParameterInitializer.initialize(req.model(), req.gating(), cfg.seed()));
        Network net = new Network(req.model(), req.gating(), start, gemm, cfg.seed() ^ EpochOrder.DROPOUT_STREAM);
        Updater updater = Updater.of(cfg.optimizer(), net.params());
        if (resume != null) {
            updater.restore(resume.optimizerState(), net.params(), resume.steps());
        }
        DatasetSplits data = req.data();
        Dataset train = data.train();
        int n = train.rows();
        int cols = train.cols();
        int batch = Math.min(cfg.batchSize(), n);
        int stepsPerEpoch = (n + batch - 1) / batch;
        long totalSteps = (long) stepsPerEpoch * cfg.epochs();
        float[] x = new float[batch * cols];
        float[] y = new float[batch];
        int[] order = new int[n];
        List<EpochStats> history = new ArrayList<>(resume != null ? resume.history() : List.of());
        req.listener().onStart(cfg.epochs(), stepsPerEpoch);
        long step = resume != null ? resume.steps() : 0;
        double lr = cfg.learningRate();
        TrainingCheckpoint lastGood = resume != null ? resume
                : new TrainingCheckpoint(0, 0, start, updater.state(net.params()), List.of());
        for (int epoch = (resume != null ? resume.epochsDone() : 0) + 1; epoch <= cfg.epochs(); epoch++) {
            // every epoch draws its own order and dropout masks from the seed, so a run resumed
            // at any epoch continues exactly as if it had never stopped
            order = EpochOrder.permutation(cfg.seed(), epoch, n);
            net.reseedDropout(EpochOrder.mix(cfg.seed() ^ EpochOrder.DROPOUT_STREAM, epoch));
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int from = s * batch;
                int b = Math.min(batch, n - from);
                for (int r = 0; r < b; r++) {
                    train.copyRow(order[from + r], x, r * cols);
                    y[r] = train.target(order[from + r]);
                }
                double loss = net.lossAndGradients(x, y, b);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ", step " + (step + 1)
                            + ": data loss is " + loss + " (learning rate " + lr + "); lower the learning rate or lambda",
                            lastGood);
                }
                net.addDecayGradients(cfg.weightDecay());
                lr = cfg.schedule().rate(cfg.learningRate(), step, totalSteps);
                updater.step(net.params(), lr);
                step++;
                lossSum += loss * b;
                req.listener().onStep(step, loss);
            }
            ParameterSet snapshot = net.snapshot();
            TrainingDivergedException.requireFinite(snapshot, epoch, lastGood);
            Map<String, Integer> alive = GateCollapse.groupsAlive(req.model(), req.gating(), snapshot);
            EpochStats stats = new EpochStats(epoch, lossSum / n, net.penalty(),
                    Evaluator.evaluate(net, data.validation()), alive, lr);
            history.add(stats);
            req.listener().onEpoch(stats);
            lastGood = new TrainingCheckpoint(epoch, step, snapshot, updater.state(net.params()), history);
            if (req.checkpointEvery() > 0 && epoch % req.checkpointEvery() == 0) {
                req.listener().onCheckpoint(lastGood);
            }
        }
        Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
        metrics.put(Split.TRAIN, Evaluator.evaluate(net, data.train()));
        metrics.put(Split.VALIDATION, Evaluator.evaluate(net, data.validation()));
        metrics.put(Split.TEST, Evaluator.evaluate(net, data.test()));
        return new TrainingResult(req.model(), req.gating(), cfg, net.snapshot(), data.standardization(),
                train.featureNames(), train.classNames(), history, metrics, provenance);
    }
}
