package io.dgating.api.train;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.GatePenalty;
import io.dgating.api.gating.ParameterInitializer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one training loop of every engine (an engine supplies a {@link TrainableNetwork}): seeded
 * shuffling, mini-batch steps, the per-step learning-rate schedule, per-epoch validation, group
 * counts and listener calls, divergence with the last good state, checkpoints and resuming.
 * Everything random derives from the training seed and the epoch (the batch order from
 * {@link EpochOrder}, the dropout masks from {@link TrainableNetwork#reseed}), so a run resumed
 * from a checkpoint ends where the uninterrupted run ends, on an engine whose kernels are
 * deterministic.
 */
public final class TrainingLoop {

    private TrainingLoop() {}

    /**
     * Trains as requested.
     *
     * @param req what to train
     * @param open makes the engine's network from the starting parameters (fresh, given, or a checkpoint's)
     * @param provenance engine facts recorded in the result
     * @return the result
     * @throws TrainingDivergedException when a loss or parameter becomes NaN or infinite, with the last good state
     */
    public static TrainingResult run(
            TrainingRequest req, Function<ParameterSet, TrainableNetwork> open, Map<String, String> provenance) {
        TrainingConfig cfg = req.training();
        TrainingCheckpoint resume = req.resumeFrom().orElse(null);
        ParameterSet start = resume != null
                ? resume.parameters()
                : req.initialParameters()
                        .orElseGet(() -> ParameterInitializer.initialize(req.model(), req.gating(), cfg.seed()));
        try (TrainableNetwork net = open.apply(start)) {
            if (resume != null) {
                net.restoreOptimizer(resume.optimizerState(), resume.steps());
            }
            DatasetSplits data = req.data();
            Dataset train = data.train();
            int n = train.rows();
            int cols = train.cols();
            int batch = Math.min(cfg.batchSize(), n);
            int stepsPerEpoch = (n + batch - 1) / batch;
            long totalSteps = (long) stepsPerEpoch * cfg.epochs();
            float[] x = new float[batch * cols];
            int targetsPerRow = train.targetsPerRow();
            float[] y = new float[batch * targetsPerRow];
            Distillation distill = req.distillation().orElse(null);
            int classes = distill == null ? 0 : train.classes();
            float[] teacher = distill == null ? null : new float[batch * classes];
            List<EpochStats> history = new ArrayList<>(resume != null ? resume.history() : List.of());
            req.listener().onStart(cfg.epochs(), stepsPerEpoch);
            long step = resume != null ? resume.steps() : 0;
            double lr = cfg.learningRate();
            TrainingCheckpoint lastGood =
                    resume != null ? resume : new TrainingCheckpoint(0, 0, start, net.optimizerState(), List.of());
            for (int epoch = (resume != null ? resume.epochsDone() : 0) + 1; epoch <= cfg.epochs(); epoch++) {
                int[] order = EpochOrder.permutation(cfg.seed(), epoch, n);
                net.reseed(EpochOrder.mix(cfg.seed() ^ EpochOrder.DROPOUT_STREAM, epoch));
                double lossSum = 0;
                for (int s = 0; s < stepsPerEpoch; s++) {
                    int from = s * batch;
                    int b = Math.min(batch, n - from);
                    for (int r = 0; r < b; r++) {
                        train.copyRow(order[from + r], x, r * cols);
                        train.copyTargets(order[from + r], y, r * targetsPerRow);
                        if (distill != null) {
                            distill.copyRow(order[from + r], classes, teacher, r * classes);
                        }
                    }
                    double loss = distill == null
                            ? net.lossAndGradients(x, y, b)
                            : net.lossAndGradients(x, y, teacher, distill.weight(), b);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(
                                "training diverged in epoch " + epoch + ", step "
                                        + (step + 1) + ": data loss is " + loss + " (learning rate " + lr
                                        + "); lower the learning rate or lambda",
                                lastGood);
                    }
                    lr = cfg.schedule().rate(cfg.learningRate(), step, totalSteps);
                    net.step(lr);
                    if (req.proximal().isPresent()) {
                        net.setParameters(req.proximal().get().apply(net.parameters(), lr));
                    }
                    step++;
                    lossSum += loss * b;
                    req.listener().onStep(step, loss);
                }
                ParameterSet snapshot = net.parameters();
                TrainingDivergedException.requireFinite(snapshot, epoch, lastGood);
                Map<String, Integer> alive = GateCollapse.groupsAlive(req.model(), req.gating(), snapshot);
                EpochStats stats = new EpochStats(
                        epoch,
                        lossSum / n,
                        GatePenalty.of(req.model(), req.gating(), snapshot),
                        net.evaluate(data.validation()),
                        alive,
                        lr);
                history.add(stats);
                req.listener().onEpoch(stats);
                lastGood = new TrainingCheckpoint(epoch, step, snapshot, net.optimizerState(), history);
                // the last epoch too, so a run interrupted after training resumes without retraining
                if (req.checkpointEvery() > 0 && (epoch % req.checkpointEvery() == 0 || epoch == cfg.epochs())) {
                    req.listener().onCheckpoint(lastGood);
                }
            }
            Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
            metrics.put(Split.TRAIN, net.evaluate(data.train()));
            metrics.put(Split.VALIDATION, net.evaluate(data.validation()));
            metrics.put(Split.TEST, net.evaluate(data.test()));
            return new TrainingResult(
                    req.model(),
                    req.gating(),
                    cfg,
                    net.parameters(),
                    data.standardization(),
                    train.featureNames(),
                    train.classNames(),
                    history,
                    metrics,
                    provenance);
        }
    }
}
