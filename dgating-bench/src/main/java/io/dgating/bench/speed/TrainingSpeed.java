package io.dgating.bench.speed;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.bench.GraphStats;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Training throughput: optimizer steps (forward, backward, penalty, update) per second of a model
 * on random data, after warm-up, the median of several timed rounds. Several gatings of one model
 * run in alternating rounds in one engine, so what gating costs is a ratio of back-to-back rounds
 * that shrugs off the machine's drift. The arithmetic rate counts three products per weight product
 * of the forward pass (forward, input gradient, weight gradient), from the dense ONNX graph.
 *
 * @param batches batch sizes
 * @param steps timed steps per round
 * @param warmup untimed steps first (JIT)
 * @param rounds timed rounds; the median is reported
 */
public record TrainingSpeed(List<Integer> batches, int steps, int warmup, int rounds) {

    /**
     * Copies and validates.
     *
     * @param batches batch sizes
     * @param steps timed steps per round
     * @param warmup untimed steps first
     * @param rounds timed rounds
     */
    public TrainingSpeed {
        batches = List.copyOf(batches);
        if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batches);
        }
        if (steps < 1 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("steps and rounds must be >= 1 and warm-up >= 0, got steps " + steps
                    + ", warm-up " + warmup + ", rounds " + rounds);
        }
    }

    /**
     * One batch size and gating.
     *
     * @param batch the batch size
     * @param gating index into the gatings measured
     * @param stepsPerSecond the median over rounds
     * @param relativeToFirst for a gating after the first, the median over rounds of this gating's
     *     speed divided by the first's in the same round; NaN for the first
     * @param multiplyAdds forward multiply-adds per example, from the dense ONNX graph (0 when it cannot be exported)
     */
    public record Row(int batch, int gating, double stepsPerSecond, double relativeToFirst, long multiplyAdds) {

        /** {@return the arithmetic rate in GFLOP/s: three products per forward multiply-add, two flops each} */
        public double gflops() {
            return stepsPerSecond * batch * 3 * 2.0 * multiplyAdds / 1e9;
        }
    }

    /**
     * Measures a model under several gatings on one engine.
     *
     * @param engine the engine
     * @param model the model
     * @param gatings the gatings, e.g. none and D = 3; the first is the reference of the ratios
     * @param done receives each batch size's rows as they are measured
     * @return every row: one per batch size and gating, batch sizes in order, gatings within
     */
    public List<Row> measure(Engine engine, ModelSpec model, List<GatingConfig> gatings, Consumer<List<Row>> done) {
        if (gatings.isEmpty()) {
            throw new IllegalArgumentException("no gating to measure");
        }
        List<Row> rows = new ArrayList<>();
        long macs = -1;
        for (int batch : batches) {
            double[][] round = new double[gatings.size()][rounds];
            DatasetSplits data = RandomData.forModel(model, batch * (warmup + steps));
            TrainingResult last = null;
            for (int r = 0; r < rounds; r++) {
                for (int g = 0; g < gatings.size(); g++) {
                    last = train(engine, model, gatings.get(g), data, batch, round[g], r);
                }
            }
            if (macs < 0) {
                macs = forwardMultiplyAdds(last);
            }
            List<Row> these = new ArrayList<>();
            for (int g = 0; g < gatings.size(); g++) {
                double relative = Double.NaN;
                if (g > 0) {
                    double[] ratio = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratio[r] = round[g][r] / round[0][r];
                    }
                    relative = median(ratio);
                }
                these.add(new Row(batch, g, median(round[g]), relative, macs));
            }
            rows.addAll(these);
            done.accept(these);
        }
        return List.copyOf(rows);
    }

    private TrainingResult train(
            Engine e, ModelSpec model, GatingConfig gating, DatasetSplits data, int batch, double[] rates, int slot) {
        long[] marks = new long[2];
        TrainingListener timer = new TrainingListener() {
            @Override
            public void onStep(long step, double loss) {
                if (step == warmup) {
                    marks[0] = System.nanoTime();
                } else if (step == warmup + steps) {
                    marks[1] = System.nanoTime();
                }
            }
        };
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.01)
                .schedule(LrSchedule.CONSTANT)
                .epochs(1)
                .batchSize(batch)
                .seed(1)
                .build();
        TrainingResult result =
                e.train(TrainingRequest.of(model, gating, cfg, data).withListener(timer));
        rates[slot] = steps / ((marks[1] - marks[0]) / 1e9);
        return result;
    }

    /** Multiply-adds of the weight products per example, from the dense ONNX graph (0 when it cannot be exported). */
    private static long forwardMultiplyAdds(TrainingResult trained) {
        try {
            return GraphStats.of(new OnnxExporter()
                            .export(trained, ExportOptions.dense())
                            .bytes())
                    .macsPerRow();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
