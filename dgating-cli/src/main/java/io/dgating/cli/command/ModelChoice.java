package io.dgating.cli.command;

import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelBuilder;
import io.dgating.api.model.ModelSpec;
import io.dgating.store.ModelJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The {@code --model} mini-language: {@code mlp:300,100}, {@code linear}, {@code lenet5},
 * {@code vgg:16,16,M,32,32,M,64,M}, {@code resnet:8} or a model description file
 * ({@code FILE.json}).
 *
 * @param spec the text as given
 */
record ModelChoice(String spec) {

    /** What {@code --model} accepts, for error messages and help. */
    static final String FORMS = "mlp:W[,W...], linear, lenet5, vgg:CONFIG (numbers and M), resnet:DEPTH (6n+2), "
            + "gpt:layers=L,heads=H,dim=E,context=T or FILE.json";

    /** {@return whether the model is a GPT, which takes windows of token ids} */
    boolean sequence() {
        return spec.toLowerCase(Locale.ROOT).startsWith("gpt:");
    }

    /**
     * Returns the GPT's settings: layers, heads, dim and context.
     *
     * @throws IllegalArgumentException naming a missing, unknown or malformed setting
     */
    Map<String, Integer> gptSettings() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : spec.substring(4).split(",")) {
            String[] kv = part.split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            if (kv.length != 2 || !List.of("layers", "heads", "dim", "context").contains(key)) {
                throw new IllegalArgumentException(
                        "--model " + spec + ": '" + part + "' is not one of layers=L, heads=H, " + "dim=E, context=T");
            }
            try {
                out.put(key, Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--model " + spec + ": " + key + " must be a number, got '" + kv[1] + "'");
            }
        }
        for (String k : List.of("layers", "heads", "dim", "context")) {
            if (!out.containsKey(k)) {
                throw new IllegalArgumentException(
                        "--model " + spec + " needs " + k + "=N (layers, heads, dim, context)");
            }
        }
        return out;
    }

    /** {@return the window length a sequence model reads, if this choice is one} */
    OptionalInt context() {
        return sequence() ? OptionalInt.of(gptSettings().get("context")) : OptionalInt.empty();
    }

    /** {@return whether the model is an ONNX file to import ({@code dgating compress --model FILE.onnx})} */
    boolean imported() {
        return spec.toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** {@return whether the model is a convolutional network, which takes images} */
    boolean convolutional() {
        String s = spec.toLowerCase(Locale.ROOT);
        return s.equals("lenet5") || s.startsWith("vgg:") || s.startsWith("resnet:");
    }

    /** {@return the hidden widths of an MLP choice (empty for {@code linear}), or null for other kinds} */
    List<Integer> hiddenWidths() {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("linear")) {
            return List.of();
        }
        if (!s.startsWith("mlp:")) {
            return null;
        }
        List<Integer> widths = new ArrayList<>();
        for (String w : spec.substring(4).split(",")) {
            try {
                widths.add(Integer.parseInt(w.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--model " + spec + ": '" + w + "' is not a layer width");
            }
            if (widths.get(widths.size() - 1) < 1) {
                throw new IllegalArgumentException("--model " + spec + ": widths must be >= 1");
            }
        }
        return widths;
    }

    /**
     * Builds the model for examples of the given shape.
     *
     * @param sample the data's example shape ({@code [C, H, W]} for image datasets)
     * @param outputs classes, or 1 for regression
     * @param head the loss
     * @param activation hidden activation of an MLP
     * @param dropout dropout after each hidden layer of an MLP
     * @return the model
     * @throws IllegalArgumentException for an unknown form, or a CNN asked of data that are not images
     */
    ModelSpec build(Shape sample, int outputs, Head head, Activation activation, double dropout) {
        List<Integer> widths = hiddenWidths();
        if (widths != null) {
            ModelBuilder b = ModelSpec.builder(sample.size());
            for (int h : widths) {
                b.dense(h, activation);
                if (dropout > 0) {
                    b.dropout(dropout);
                }
            }
            return b.dense(outputs, Activation.IDENTITY).head(head).build();
        }
        if (imported()) {
            throw new IllegalArgumentException(
                    "--model " + spec + ": an ONNX model is compressed with dgating compress "
                            + "--model FILE.onnx; this command builds its own models");
        }
        if (spec.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return ModelJson.read(Path.of(spec));
        }
        if (sequence()) {
            Map<String, Integer> g = gptSettings();
            if (sample.rank() != 1 || sample.dim(0) != g.get("context") || head != Head.SOFTMAX_CROSS_ENTROPY) {
                throw new IllegalArgumentException("--model " + spec + " is a language model and takes windows of "
                        + g.get("context") + " characters; use a text dataset (moby-dick or FILE.txt)");
            }
            return Architectures.gpt(outputs, g.get("layers"), g.get("heads"), g.get("dim"), g.get("context"));
        }
        if (!convolutional()) {
            throw new IllegalArgumentException("--model '" + spec + "' is not one of " + FORMS);
        }
        if (sample.rank() != 3) {
            throw new IllegalArgumentException("--model " + spec + " is a convolutional network and takes images; this "
                    + "dataset has flat examples " + sample + " (image datasets: mnist, fashion-mnist, digits)");
        }
        if (head != Head.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalArgumentException(
                    "--model " + spec + " is a classifier; this dataset is a regression task");
        }
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("lenet5")) {
            return Architectures.lenet5(sample, outputs);
        }
        String arg = spec.substring(spec.indexOf(':') + 1);
        if (s.startsWith("vgg:")) {
            return Architectures.vgg(
                    sample,
                    Arrays.stream(arg.split(","))
                            .map(String::trim)
                            .map(t -> t.equalsIgnoreCase(Architectures.VGG_POOL) ? Architectures.VGG_POOL : t)
                            .toList(),
                    outputs);
        }
        try {
            return Architectures.resnet(sample, Integer.parseInt(arg.trim()), outputs);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--model " + spec + ": the depth must be a number (8, 14, 20, ...)");
        }
    }
}
