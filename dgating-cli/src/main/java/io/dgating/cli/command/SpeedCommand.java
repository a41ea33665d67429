package io.dgating.cli.command;

import io.dgating.api.Shape;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GatingPreset;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelBuilder;
import io.dgating.api.model.ModelSpec;
import io.dgating.bench.speed.TrainingSpeed;
import io.dgating.cli.mixin.EngineOptions;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dgating speed}: the training throughput benchmark ({@link TrainingSpeed}) on a model given
 * by widths or by name, under one or more gatings, on one or more engines, printed as a table beside
 * each engine's measured peak. Not a test: numbers depend on the machine.
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
        if (!List.of("inputs", "filters", "heads").contains(gated)) {
            throw new IllegalArgumentException("--gate takes inputs, filters, heads or auto, got '" + gated + "'");
        }
        List<GatingConfig> gatings = new ArrayList<>();
        for (int d : depths) {
            gatings.add(
                    d == 0
                            ? GatingConfig.none()
                            : GatingPreset.of(GatingPreset.What.parse(gated))
                                    .gating(model, d, 1e-4, OptionalDouble.empty()));
        }
        boolean several = depths.size() > 1;
        TrainingSpeed speed = new TrainingSpeed(batches, steps, warmup, rounds);
        // several engines side by side in one run: --engine cpu,djl
        String[] names = engine.engine().split(",");
        List<List<TrainingSpeed.Row>> results = new ArrayList<>();
        for (String name : names) {
            try (Engine e = engines.create(name.trim(), engine.config())) {
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
                out.flush();
                OptionalDouble peak = peakMillis > 0 ? e.peakGflops(peakMillis) : OptionalDouble.empty();
                peak.ifPresent(p ->
                        out.printf("peak of this engine's threads (multiply-adds in registers): %.1f GFLOP/s%n", p));
                out.printf(
                        "%-8s %s%14s %14s %12s %10s%n",
                        "batch", several ? String.format("%-4s", "D") : "", "steps/s", "ms/step", "GFLOP/s", "of peak");
                results.add(speed.measure(e, model, gatings, rows -> print(rows, several, peak)));
            }
        }
        for (int k = 1; k < names.length; k++) {
            for (int i = 0; i < results.get(0).size(); i++) {
                TrainingSpeed.Row first = results.get(0).get(i);
                out.printf(
                        "batch %d%s: %s / %s = %.2fx%n",
                        first.batch(),
                        several ? ", D = " + depths.get(first.gating()) : "",
                        names[0].trim(),
                        names[k].trim(),
                        first.stepsPerSecond() / results.get(k).get(i).stepsPerSecond());
            }
        }
        out.flush();
        return ExitCodes.OK;
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

    private void print(List<TrainingSpeed.Row> rows, boolean several, OptionalDouble peak) {
        for (TrainingSpeed.Row row : rows) {
            boolean counted = row.multiplyAdds() > 0;
            out.printf(
                    "%-8d %s%14.2f %14.3f %12s %10s%n",
                    row.batch(),
                    several ? String.format("%-4d", depths.get(row.gating())) : "",
                    row.stepsPerSecond(),
                    1000 / row.stepsPerSecond(),
                    counted ? String.format(Locale.ROOT, "%.1f", row.gflops()) : "n/a",
                    peak.isPresent() && counted
                            ? String.format(Locale.ROOT, "%.0f%%", 100 * row.gflops() / peak.getAsDouble())
                            : "n/a");
        }
        for (TrainingSpeed.Row row : rows.subList(1, rows.size())) {
            out.printf(
                    Locale.ROOT,
                    "batch %d: D = %d runs at %.1f%% of D = %d's speed (median of %d back-to-back rounds)%n",
                    row.batch(),
                    depths.get(row.gating()),
                    100 * row.relativeToFirst(),
                    depths.get(0),
                    rounds);
        }
        out.flush();
    }
}
