package io.dgating.cli.command;

import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Task;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GatingPreset;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamSpec;
import io.dgating.importer.OnnxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/** The model and its gating. */
final class ModelOptions {

    /** The model when neither {@code --model} nor {@code --hidden} is given. */
    static final String DEFAULT_MODEL = "mlp:64,32";

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            description = "The network: mlp:W[,W...] (dense hidden layers), linear (no hidden layer), lenet5, "
                    + "vgg:16,16,M,32,32,M,64,M (3x3 conv + batch norm + ReLU per number, M = 2x2 max pool, then global "
                    + "average pool and a dense head), resnet:8 (CIFAR-style, depth 6n+2), FILE.json (a model "
                    + "description: the \"model\" object of a result's result.json) or, for compress, FILE.onnx (a "
                    + "model trained elsewhere: imported with its weights, D-Gated and fine-tuned). Default: "
                    + DEFAULT_MODEL + ".")
    String model;

    private OnnxModel imported;

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "N[,N...]",
            description = "Hidden layer widths of an MLP: --hidden 64,32 is --model mlp:64,32.")
    List<Integer> hidden;

    @Option(
            names = "--activation",
            defaultValue = "relu",
            description =
                    "Hidden activation: relu, gelu, gelu-tanh (tanh approximation), tanh, sigmoid, identity. Default: ${DEFAULT-VALUE}.")
    String activation;

    @Option(
            names = "--dropout",
            defaultValue = "0",
            description = "Dropout rate after each hidden layer. Default: ${DEFAULT-VALUE}.")
    double dropout;

    @Option(
            names = "--gate",
            defaultValue = "inputs",
            description = "What to gate: inputs (input features of the first dense layer), neurons (units of every "
                    + "hidden layer), filters (every conv filter; filters joined by a residual add share one group), "
                    + "both (an MLP: inputs of the first layer and units of later hidden layers; a CNN: filters and the "
                    + "units of its hidden dense layers), heads (every attention head of a GPT), none. "
                    + "Default: ${DEFAULT-VALUE}.")
    String gate;

    @Option(
            names = "--head-group",
            defaultValue = "value",
            paramLabel = "value|wide",
            description = "What a head group holds: value (the paper's: the head's rows of the value projection; a "
                    + "removed head's constant output is folded into the output bias) or wide (its query, key and value "
                    + "rows and biases and its output-projection columns). Default: ${DEFAULT-VALUE}.")
    String headGroup;

    @Option(
            names = "--filter-group",
            defaultValue = "zero-invariant",
            paramLabel = "zero-invariant|weights",
            description =
                    "What a filter group holds: zero-invariant (the filter, its bias and the batch-norm scale and "
                            + "shift of its channel, so a removed filter leaves an exactly zero channel) or weights (the "
                            + "paper's group: filter weights only; a removed filter leaves a constant channel, which export "
                            + "folds where exact and otherwise keeps). Default: ${DEFAULT-VALUE}.")
    String filterGroup;

    @Option(
            names = "--groups",
            paramLabel = "prefix|FILE.json",
            description = "Input columns that share one gate: prefix (columns named alike up to the last _ or ., such "
                    + "as one-hot indicators color_red, color_blue) or a JSON file {\"group\": [\"column\", ...]} "
                    + "(columns it does not name are groups of their own). Needs input gating.")
    String groups;

    @Option(
            names = "--eps",
            description = "Zero threshold on a group's norm. Default: float32 machine epsilon (1.19e-7); "
                    + "1e-5 (the paper's) for attention heads.")
    Double eps;

    /**
     * Returns the model choice: {@code --model}, or {@code --hidden} as {@code mlp:}, or the default.
     *
     * @throws IllegalArgumentException if both are given
     */
    ModelChoice choice() {
        if (model != null && hidden != null) {
            throw new IllegalArgumentException(
                    "give --model or --hidden, not both (--hidden 64,32 is --model mlp:64,32)");
        }
        if (hidden != null) {
            return new ModelChoice("mlp:"
                    + String.join(",", hidden.stream().map(String::valueOf).toList()));
        }
        return new ModelChoice(model == null ? DEFAULT_MODEL : model);
    }

    /**
     * Returns the imported model of {@code --model FILE.onnx}, read once.
     *
     * @throws io.dgating.importer.UnsupportedModelException naming the nodes it cannot import
     */
    OnnxModel imported() {
        if (imported == null) {
            imported = OnnxModel.read(Path.of(choice().spec()));
        }
        return imported;
    }

    /**
     * Returns the imported model of {@code --model FILE.onnx} with the head the data need.
     *
     * @throws IllegalArgumentException if its outputs do not fit the data
     */
    ModelSpec importedModel(DatasetSplits data) {
        boolean regression = data.train().task() == Task.REGRESSION;
        ModelSpec m = imported().model(regression ? Head.SQUARED_ERROR : Head.SOFTMAX_CROSS_ENTROPY);
        int want = regression ? 1 : data.train().classes();
        if (m.outputSize() != want) {
            throw new IllegalArgumentException("--model " + choice().spec() + " has " + m.outputSize()
                    + " outputs but " + data.train().name() + " has "
                    + (regression ? "one regression target" : want + " classes"));
        }
        return m;
    }

    ModelSpec model(DatasetSplits data) {
        if (choice().imported()) {
            throw new IllegalArgumentException("--model " + choice().spec() + ": an ONNX model is compressed with "
                    + "dgating compress --model FILE.onnx; this command builds its own models");
        }
        Activation act = switch (activation.toLowerCase(Locale.ROOT)) {
            case "relu" -> Activation.RELU;
            case "gelu" -> Activation.GELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "gelu-tanh" -> Activation.GELU_TANH;
            case "identity" -> Activation.IDENTITY;
            default ->
                throw new IllegalArgumentException(
                        "--activation must be relu, gelu, gelu-tanh, tanh, sigmoid or identity, got '" + activation
                                + "'");
        };
        boolean regression = data.train().task() == Task.REGRESSION;
        if (choice().sequence() && data.train().targetsPerRow() == 1) {
            throw new IllegalArgumentException("--model " + choice().spec()
                    + " is a language model and takes windows of "
                    + choice().context().getAsInt() + " characters; use a text dataset (moby-dick or FILE.txt)");
        }
        ModelSpec built = choice().build(
                        data.train().sampleShape(),
                        regression ? 1 : data.train().classes(),
                        regression ? Head.SQUARED_ERROR : Head.SOFTMAX_CROSS_ENTROPY,
                        act,
                        dropout);
        checkMemory(built);
        return built;
    }

    /**
     * Refuses models whose training state cannot fit in this JVM: weights, gradients and two
     * optimizer buffers, float32 each, must stay below 80% of the maximal heap.
     */
    private void checkMemory(ModelSpec built) {
        long params = 0;
        for (ParamSpec p : ParameterLayout.specs(built, GatingConfig.none())) {
            params += p.shape().size();
        }
        long need = params * 4 * 4;
        long max = Runtime.getRuntime().maxMemory();
        if (need > 0.8 * max) {
            throw new IllegalArgumentException(String.format(
                    "--model %s needs about %.1f GB for %,d parameters and "
                            + "their training state, more than this JVM's %.1f GB heap; use smaller layers (or raise -Xmx via "
                            + "DGATING_JAVA_OPTS)",
                    choice().spec(), need / 1e9, params, max / 1e9));
        }
    }

    /**
     * Returns the gating the options ask of a model, through the library's presets; the checks here
     * are the ones about how the options are combined.
     */
    GatingConfig gating(ModelSpec model, Dataset train, int depth, double lambda) {
        GatingPreset.What what;
        try {
            what = GatingPreset.What.parse(gate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--gate must be inputs, neurons, filters, both, heads or none, " + "got '" + gate + "'");
        }
        GroupKind filters = switch (filterGroup.toLowerCase(Locale.ROOT)) {
            case "zero-invariant" -> GroupKind.FILTERS;
            case "weights" -> GroupKind.FILTER_WEIGHTS;
            default ->
                throw new IllegalArgumentException(
                        "--filter-group must be zero-invariant or weights, got '" + filterGroup + "'");
        };
        GroupKind heads = switch (headGroup.toLowerCase(Locale.ROOT)) {
            case "value" -> GroupKind.HEADS;
            case "wide" -> GroupKind.HEADS_WIDE;
            default ->
                throw new IllegalArgumentException("--head-group must be value or wide, got '" + headGroup + "'");
        };
        boolean inputs = what == GatingPreset.What.INPUTS || what == GatingPreset.What.BOTH;
        boolean denseFirst = model.layers().get(0) instanceof Dense;
        int[] featureGroups = new int[0];
        if (groups != null) {
            if (!inputs) {
                throw new IllegalArgumentException(
                        "--groups groups input columns; it needs --gate inputs or both, not " + gate);
            }
            if (train.encoding().isPresent()) {
                throw new IllegalArgumentException("--groups and --categorical both group columns; use one of them (a "
                        + "categorical column's indicators are already one group)");
            }
            featureGroups = FeatureGroups.parse(groups, train.featureNames());
        } else if (inputs && denseFirst && train.encoding().isPresent()) {
            // a categorical column is kept or dropped whole: its indicators share one gate
            featureGroups = train.encoding().get().featureGroups();
        }
        OptionalDouble threshold = eps == null ? OptionalDouble.empty() : OptionalDouble.of(eps);
        return new GatingPreset(what, filters, heads, featureGroups).gating(model, depth, lambda, threshold);
    }
}
