package io.dgating.cli.command;

import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelBuilder;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.cli.ExitCodes;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.eval.bench.GraphStats;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dgating speed}: training throughput benchmark. Times optimizer steps (forward,
 * backward, penalty, update) of a gated MLP on random data, after warm-up, and reports the
 * median of several timed rounds, with the arithmetic rate that implies (three products per
 * weight product of the forward pass: forward, input gradient, weight gradient; counted from the
 * dense ONNX graph, so attention's products of two activations are not included) beside the
 * engine's measured peak. Not a test: numbers depend on the machine.
 */
@Command(
        name = "speed",
        mixinStandardHelpOptions = true,
        description =
                "Benchmark training steps per second on random data: an MLP (default LeNet-300-100) or any --model.")
public final class SpeedCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final PrintWriter out;

    @Option(
            names = "--layers",
            split = ",",
            defaultValue = "784,300,100,10",
            description = "Widths input,hidden...,output. Default: ${DEFAULT-VALUE}.")
    List<Integer> layers;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description = "Benchmark this network instead of --layers: " + ModelChoice.FORMS + ".")
    String modelChoice;

    @Option(
            names = "--input",
            split = ",",
            defaultValue = "1,28,28",
            description = "Example shape for --model, e.g. 1,28,28 (an image) or 784. Default: ${DEFAULT-VALUE}.")
    List<Integer> input;

    @Option(names = "--classes", defaultValue = "10", description = "Outputs for --model. Default: ${DEFAULT-VALUE}.")
    int classes;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "256",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--steps", defaultValue = "50", description = "Timed steps per round. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(
            names = "--warmup",
            defaultValue = "30",
            description = "Untimed steps first (JIT). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--rounds",
            defaultValue = "5",
            description = "Timed rounds; the median is reported. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
            names = {"-D", "--depth"},
            split = ",",
            defaultValue = "3",
            description = "D of the gating (0 = ungated); several, e.g. 0,3, run in alternating rounds in one JVM and "
                    + "report what gating costs against the first. Default: ${DEFAULT-VALUE}.")
    List<Integer> depths;

    @Option(
            names = "--gate",
            defaultValue = "auto",
            description = "What D gates: inputs (the first dense layer's input features), filters (every "
                    + "convolution's filters, zero-invariant), heads (attention heads), or auto (heads for a GPT, "
                    + "else inputs). Default: ${DEFAULT-VALUE}.")
    String gate;

    @Option(
            names = "--peak-millis",
            defaultValue = "1000",
            description = "How long to measure each engine's peak (0 = skip). Default: ${DEFAULT-VALUE}.")
    long peakMillis;

    @Mixin
    EngineOptions engine;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out output
     */
    @Inject
    public SpeedCommand(EngineRegistry engines, @Named("out") PrintWriter out) {
        this.engines = engines;
        this.out = out;
    }

    @Override
    public Integer call() {
        ModelSpec model = model();
        String what = modelChoice != null ? modelChoice + " on " + model.inputShape() : layers.toString();
        boolean gpt = model.outputShape().rank() == 2;
        String gated = gate.equals("auto") ? (gpt ? "heads" : "inputs") : gate;
        List<GatingConfig> gatings = new ArrayList<>();
        for (int d : depths) {
            gatings.add(d == 0 ? GatingConfig.none() : gating(model, gated, d));
        }
        boolean several = depths.size() > 1;
        // several engines side by side in one run: --engine cpu,djl
        String[] names = engine.engine().split(",");
        double[][][] rates = new double[names.length][depths.size()][batches.size()];
        long macs = -1;
        for (int k = 0; k < names.length; k++) {
            try (Engine e = engines.create(names[k].trim(), engine.config())) {
                out.printf(
                        "engine %s, model %s, %s%s%n",
                        e.describe(),
                        what,
                        String.join(
                                " and ",
                                depths.stream()
                                        .map(d -> d == 0 ? "ungated" : "D = " + d + " " + gated + " gating")
                                        .toList()),
                        several ? ", alternating rounds" : "");
                OptionalDouble peak = peakMillis > 0 ? e.peakGflops(peakMillis) : OptionalDouble.empty();
                peak.ifPresent(p ->
                        out.printf("peak of this engine's threads (multiply-adds in registers): %.1f GFLOP/s%n", p));
                out.printf(
                        "%-8s %s%14s %14s %12s %10s%n",
                        "batch", several ? String.format("%-4s", "D") : "", "steps/s", "ms/step", "GFLOP/s", "of peak");
                for (int i = 0; i < batches.size(); i++) {
                    int batch = batches.get(i);
                    double[][] round = new double[depths.size()][rounds];
                    DatasetSplits data = randomData(model, batch * (warmup + steps));
                    TrainingResult last = null;
                    for (int r = 0; r < rounds; r++) {
                        for (int g = 0; g < depths.size(); g++) {
                            last = train(e, model, gatings.get(g), data, batch, round[g], r);
                        }
                    }
                    if (macs < 0) {
                        macs = forwardMultiplyAdds(last);
                    }
                    for (int g = 0; g < depths.size(); g++) {
                        rates[k][g][i] = median(round[g]);
                        double gflops = rates[k][g][i] * batch * 3 * 2.0 * macs / 1e9;
                        out.printf(
                                "%-8d %s%14.2f %14.3f %12s %10s%n",
                                batch,
                                several ? String.format("%-4d", depths.get(g)) : "",
                                rates[k][g][i],
                                1000 / rates[k][g][i],
                                macs > 0 ? String.format(Locale.ROOT, "%.1f", gflops) : "n/a",
                                peak.isPresent() && macs > 0
                                        ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / peak.getAsDouble())
                                        : "n/a");
                    }
                    for (int g = 1; g < depths.size(); g++) {
                        // each round's pair ran back to back: the median of their ratios shrugs off the machine's drift
                        double[] ratio = new double[rounds];
                        for (int r = 0; r < rounds; r++) {
                            ratio[r] = round[g][r] / round[0][r];
                        }
                        out.printf(
                                Locale.ROOT,
                                "batch %d: D = %d runs at %.1f%% of D = %d's speed (median of %d "
                                        + "back-to-back rounds)%n",
                                batch,
                                depths.get(g),
                                100 * median(ratio),
                                depths.get(0),
                                rounds);
                    }
                    out.flush();
                }
            }
        }
        for (int k = 1; k < names.length; k++) {
            for (int g = 0; g < depths.size(); g++) {
                for (int i = 0; i < batches.size(); i++) {
                    out.printf(
                            "batch %d%s: %s / %s = %.2fx%n",
                            batches.get(i),
                            several ? ", D = " + depths.get(g) : "",
                            names[0].trim(),
                            names[k].trim(),
                            rates[0][g][i] / rates[k][g][i]);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private ModelSpec model() {
        if (modelChoice != null && new ModelChoice(modelChoice).sequence()) {
            // a language model reads windows of its context and predicts --classes tokens at every position
            ModelChoice c = new ModelChoice(modelChoice);
            return c.build(Shape.of(c.context().getAsInt()), classes, Head.SOFTMAX_CROSS_ENTROPY, Activation.RELU, 0);
        }
        if (modelChoice != null) {
            int[] dims = input.stream().mapToInt(Integer::intValue).toArray();
            return new ModelChoice(modelChoice)
                    .build(Shape.of(dims), classes, Head.SOFTMAX_CROSS_ENTROPY, Activation.RELU, 0);
        }
        if (layers.size() < 2) {
            throw new IllegalArgumentException("--layers needs at least input and output widths");
        }
        ModelBuilder b = ModelSpec.builder(layers.get(0));
        for (int i = 1; i < layers.size() - 1; i++) {
            b.dense(layers.get(i), Activation.RELU);
        }
        return b.dense(layers.get(layers.size() - 1), Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
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

    private static DatasetSplits randomData(ModelSpec model, int rows) {
        int cols = model.inputSize();
        int classes = model.outputSize();
        if (model.outputShape().rank() == 2) {
            // random token ids with a random next token at every position
            int vocab = model.outputShape().dim(1);
            Random rnd = new Random(7);
            float[] x = new float[rows * cols];
            float[] y = new float[rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(vocab);
                y[i] = rnd.nextInt(vocab);
            }
            List<String> names = IntStream.range(0, cols).mapToObj(i -> "t" + i).toList();
            List<String> tokens =
                    IntStream.range(0, vocab).mapToObj(i -> "c" + i).toList();
            Dataset d = Dataset.sequences("random", model.inputShape(), rows, x, y, cols, names, tokens);
            return new DatasetSplits(
                    d,
                    d.select(new int[0], "/validation"),
                    d.select(new int[] {0}, "/eval"),
                    Standardization.identity(cols));
        }
        Random rnd = new Random(7);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(classes);
        }
        List<String> names = IntStream.range(0, cols).mapToObj(i -> "x" + i).toList();
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add("c" + c);
        }
        Dataset d = new Dataset("random", model.inputShape(), rows, x, y, Task.CLASSIFICATION, names, classNames);
        Dataset one = d.select(new int[] {0}, "/eval");
        return new DatasetSplits(d, d.select(new int[0], "/validation"), one, Standardization.identity(cols));
    }

    private static GatingConfig gating(ModelSpec model, String gated, int depth) {
        GatingConfig.Builder b = GatingConfig.builder().depth(depth).lambda(1e-4);
        return switch (gated) {
            case "inputs" -> b.gate("dense1", GroupKind.INPUT_FEATURES).build();
            case "filters" -> b.gateFilters(model, GroupKind.FILTERS).build();
            case "heads" -> b.gateHeads(model, GroupKind.HEADS).build();
            default ->
                throw new IllegalArgumentException("--gate takes inputs, filters, heads or auto, got '" + gated + "'");
        };
    }
}
