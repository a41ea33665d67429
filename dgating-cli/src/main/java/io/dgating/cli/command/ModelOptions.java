package io.dgating.cli.command;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Task;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelBuilder;
import io.dgating.api.model.ModelSpec;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The MLP and its gating. */
final class ModelOptions {

    @Option(names = "--hidden", split = ",", defaultValue = "64,32", paramLabel = "N[,N...]",
            description = "Hidden layer widths. Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation: relu, gelu, tanh, identity. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout rate after each hidden layer. Default: ${DEFAULT-VALUE}.")
    double dropout;

    @Option(names = "--gate", defaultValue = "inputs",
            description = "What to gate: inputs (input features of the first layer), neurons (units of every hidden "
                    + "layer), both (inputs of the first layer and units of later hidden layers), none. Default: ${DEFAULT-VALUE}.")
    String gate;

    @Option(names = "--eps", description = "Zero threshold on a group's norm. Default: float32 machine epsilon (1.19e-7).")
    Double eps;

    ModelSpec model(DatasetSplits data) {
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("--hidden widths must be >= 1, got " + h);
            }
        }
        Activation act = switch (activation.toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            case "tanh" -> Activation.TANH;
            case "identity" -> Activation.IDENTITY;
            default -> throw new IllegalArgumentException("--activation must be relu, gelu, tanh or identity, got '"
                    + activation + "'");
        };
        checkMemory(data.train().cols(), hidden);
        boolean regression = data.train().task() == Task.REGRESSION;
        ModelBuilder b = ModelSpec.builder(data.train().cols());
        for (int h : hidden) {
            b.dense(h, act);
            if (dropout > 0) {
                b.dropout(dropout);
            }
        }
        return b.dense(regression ? 1 : data.train().classes(), Activation.IDENTITY)
                .head(regression ? Head.SQUARED_ERROR : Head.SOFTMAX_CROSS_ENTROPY).build();
    }

    /**
     * Refuses models whose training state cannot fit in this JVM: weights, gradients and two
     * optimizer buffers, float32 each, must stay below 80% of the maximal heap.
     */
    private static void checkMemory(int inputs, List<Integer> widths) {
        long params = 0;
        long previous = inputs;
        for (int h : widths) {
            params += previous * h + h;
            previous = h;
        }
        long need = params * 4 * 4;
        long max = Runtime.getRuntime().maxMemory();
        if (need > 0.8 * max) {
            throw new IllegalArgumentException(String.format("--hidden %s needs about %.1f GB for %,d parameters and "
                    + "their training state, more than this JVM's %.1f GB heap; use smaller layers (or raise -Xmx via "
                    + "DGATING_JAVA_OPTS)", widths, need / 1e9, params, max / 1e9));
        }
    }

    GatingConfig gating(ModelSpec model, int depth, double lambda) {
        GatingConfig.Builder g = GatingConfig.builder().depth(depth).lambda(lambda);
        if (eps != null) {
            g.eps(eps);
        }
        List<Dense> dense = model.denseLayers();
        List<Dense> hiddenLayers = dense.subList(0, dense.size() - 1);
        switch (gate.toLowerCase(Locale.ROOT)) {
            case "inputs" -> g.gate(dense.get(0).name(), GroupKind.INPUT_FEATURES);
            case "neurons" -> hiddenLayers.forEach(d -> g.gate(d.name(), GroupKind.NEURONS));
            case "both" -> {
                g.gate(dense.get(0).name(), GroupKind.INPUT_FEATURES);
                hiddenLayers.stream().skip(1).forEach(d -> g.gate(d.name(), GroupKind.NEURONS));
            }
            case "none" -> { }
            default -> throw new IllegalArgumentException("--gate must be inputs, neurons, both or none, got '" + gate + "'");
        }
        GatingConfig config = g.build();
        config.validateAgainst(model);
        return config;
    }
}
