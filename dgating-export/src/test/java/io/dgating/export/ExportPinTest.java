package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.CategoricalEncoding;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Dropout;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import io.dgating.api.model.Pool2d;
import io.dgating.api.train.TrainingResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Pins what the exporter writes, byte for byte, for a spread of structures: MLPs under input,
 * grouped-input and neuron gating (with removed neurons whose constant output is folded downstream,
 * a layer removed whole, a constant model), categorical inputs, LeNet-5 / VGG / ResNet-8 under both
 * filter groupings and channel blocks, a CNN whose dense head is gated, sequence models and GPTs
 * under both head groupings. Parameters are drawn here from a seeded {@link Random} (not by an
 * engine), so only the exporter can move these digests. They were recorded on the exporter of
 * commit f004cca, before export was rebuilt around one planner, and moved by that rebuild in two
 * ways only: the dense export of a CNN whose removed filters are exactly zero keeps every channel
 * (it used to fold them out of the classifier head: "dense" means nothing removed), and the report
 * gains a line for each dense layer over a sequence (the GPT's MLPs had no line). A change that must
 * move one says why in its commit.
 *
 * <p>Each case pins three things: the graph's nodes and initializers (what ONNX Runtime computes),
 * its inputs, outputs and value infos (the declared shapes), and the pruning report.
 */
class ExportPinTest {

    private static final Map<String, String> RECORDED = new TreeMap<>();

    static {
        RECORDED.putAll(recordedDigests());
    }

    record Case(String name, TrainingResult result, ExportOptions options) {}

    @Test
    void everyExportWritesWhatItWroteBeforeTheRebuild() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (Case c : cases()) {
            ExportedModel m = new OnnxExporter().export(c.result(), c.options());
            actual.put(c.name(), digest(m));
        }
        StringBuilder listing = new StringBuilder();
        actual.forEach((k, v) -> listing.append("        m.put(\"")
                .append(k)
                .append("\", \"")
                .append(v)
                .append("\");\n"));
        assertEquals(RECORDED, actual, "export digests moved; now:\n" + listing);
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        ModelSpec mlp = ModelSpec.builder(12)
                .dense(16, Activation.RELU)
                .dense(8, Activation.GELU)
                .dense(3, Activation.IDENTITY)
                .build();
        GatingConfig inputs = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult mlpInputs = withZeroGroups(mlp, inputs, Map.of("dense1", Set.of(1, 4, 7, 8)), false, 1);
        variants(out, "mlp inputs", mlpInputs);
        GatingConfig neurons = GatingConfig.builder()
                .depth(4)
                .lambda(0.01)
                .gate("dense1", GroupKind.NEURONS)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        variants(
                out,
                "mlp neurons, positive biases folded",
                withZeroGroups(mlp, neurons, Map.of("dense1", Set.of(0, 5, 6, 11), "dense2", Set.of(2)), true, 2));
        variants(
                out,
                "mlp a hidden layer removed whole",
                withZeroGroups(mlp, neurons, Map.of("dense2", Set.of(0, 1, 2, 3, 4, 5, 6, 7)), true, 3));
        variants(
                out,
                "mlp every input removed: constant",
                withZeroGroups(mlp, inputs, Map.of("dense1", Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)), false, 4));
        GatingConfig both = GatingConfig.builder()
                .depth(2)
                .lambda(0.01)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        ModelSpec regression = ModelSpec.builder(12)
                .layer(new Dropout("drop", 0.1))
                .dense(16, Activation.TANH)
                .dense(8, Activation.SIGMOID)
                .dense(2, Activation.IDENTITY)
                .head(Head.SQUARED_ERROR)
                .build();
        variants(
                out,
                "regression mlp with dropout, inputs and neurons",
                withZeroGroups(regression, both, Map.of("dense1", Set.of(3, 9), "dense2", Set.of(1, 6)), true, 5));
        GatingConfig grouped = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate(new GateSpec("dense1", GroupKind.INPUT_FEATURES, new int[] {0, 0, 1, 2, 2, 2, 3, 4, 5, 5, 6, 7}))
                .build();
        variants(out, "mlp grouped inputs", withZeroGroups(mlp, grouped, Map.of("dense1", Set.of(2, 5)), false, 6));
        // columns 4..6 one categorical column of three, 9..10 another of two
        CategoricalEncoding encoding = new CategoricalEncoding(
                List.of(
                        new CategoricalEncoding.Column("colour", 4, List.of("red", "green", "blue")),
                        new CategoricalEncoding.Column("size", 9, List.of("s", "l"))),
                12);
        GatingConfig categorical = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate(new GateSpec("dense1", GroupKind.INPUT_FEATURES, encoding.featureGroups()))
                .build();
        TrainingResult cat = withZeroGroups(mlp, categorical, Map.of("dense1", Set.of(1, 7)), false, 7);
        out.add(new Case("categorical compact", cat, ExportOptions.compact().withCategorical(encoding)));
        out.add(new Case("categorical dense", cat, ExportOptions.dense().withCategorical(encoding)));

        Shape img = Shape.of(2, 12, 12);
        ModelSpec lenet = Architectures.lenet5(img, 3);
        ModelSpec vgg = Architectures.vgg(img, List.of("4", "4", "M", "6", "M"), 3);
        ModelSpec vggWide = Architectures.vgg(img, List.of("12", "M", "20", "M"), 3);
        ModelSpec resnet = Architectures.resnet(img, 8, 3);
        ModelSpec strided = ModelSpec.builder(img)
                .conv(5, 3, 2, 1, true)
                .activation(Activation.TANH)
                .conv(4, 3, 2, 2, true)
                .activation(Activation.TANH)
                .layer(new Pool2d("avg", Pool2d.Mode.AVERAGE, 2, 1, 1))
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
        for (GroupKind kind : List.of(GroupKind.FILTERS, GroupKind.FILTER_WEIGHTS)) {
            String k = kind == GroupKind.FILTERS ? "filters" : "filter weights";
            cnn(out, "lenet5 " + k, lenet, kind, Map.of("conv1", Set.of(0, 3), "conv2", Set.of(1, 2, 9)), 11);
            cnn(
                    out,
                    "vgg " + k,
                    vgg,
                    kind,
                    Map.of("conv1", Set.of(1), "conv2", Set.of(0, 1, 2), "conv3", Set.of(0, 5)),
                    12);
            cnn(
                    out,
                    "vgg wide " + k,
                    vggWide,
                    kind,
                    Map.of("conv1", Set.of(1, 2), "conv2", Set.of(0, 3, 4, 5, 6, 7)),
                    13);
            cnn(
                    out,
                    "resnet8 " + k,
                    resnet,
                    kind,
                    Map.of(
                            "conv1",
                            Set.of(0, 5, 7),
                            "conv2",
                            Set.of(2),
                            "conv4",
                            Set.of(1, 3, 30),
                            "conv5",
                            Set.of(4),
                            "conv7",
                            Set.of(0, 63),
                            "conv8",
                            Set.of(10)),
                    14);
            cnn(out, "strided " + k, strided, kind, Map.of("conv1", Set.of(1, 4), "conv2", Set.of(0)), 15);
        }
        cnn(out, "vgg a conv removed whole: constant", vgg, GroupKind.FILTERS, Map.of("conv2", Set.of(0, 1, 2, 3)), 16);
        cnn(
                out,
                "resnet8 an inner conv removed whole",
                resnet,
                GroupKind.FILTERS,
                Map.of("conv2", Set.of(IntStream.range(0, 16).boxed().toArray(Integer[]::new)), "conv7", Set.of(3)),
                17);
        GatingConfig head = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        TrainingResult lenetHead = withZeroGroups(
                lenet,
                head,
                Map.of(
                        "dense1",
                        Set.of(IntStream.range(0, 16)
                                .filter(i -> i % 3 != 0)
                                .boxed()
                                .toArray(Integer[]::new)),
                        "dense2",
                        Set.of(4, 50, 80)),
                true,
                18);
        out.add(new Case("lenet5 dense head compact", lenetHead, ExportOptions.compact()));
        out.add(new Case("lenet5 dense head dense", lenetHead, ExportOptions.dense()));

        int t = 6;
        int vocabulary = 7;
        ModelSpec gpt = ModelSpec.builder(Shape.of(t))
                .embedding(vocabulary, 8)
                .positionEmbedding()
                .layerNorm()
                .attention(4, 2)
                .add("pos1", "attn1")
                .layerNorm()
                .dense(16, Activation.GELU_TANH)
                .dense(8, Activation.IDENTITY)
                .add("add1", "dense2")
                .layerNorm()
                .dense(vocabulary, Activation.IDENTITY)
                .build();
        for (GroupKind kind : List.of(GroupKind.HEADS, GroupKind.HEADS_WIDE)) {
            GatingConfig heads = GatingConfig.builder()
                    .depth(3)
                    .lambda(0.01)
                    .gateHeads(gpt, kind)
                    .build();
            TrainingResult r = tokens(withZeroGroups(gpt, heads, Map.of("attn1", Set.of(1, 2)), false, 21));
            out.add(new Case("gpt " + kind, r, ExportOptions.compact()));
            out.add(new Case("gpt " + kind + " dense", r, ExportOptions.dense()));
            TrainingResult none = tokens(withZeroGroups(gpt, heads, Map.of("attn1", Set.of(0, 1, 2, 3)), false, 22));
            out.add(new Case("gpt " + kind + " every head removed", none, ExportOptions.compact()));
        }
        ModelSpec sequence = ModelSpec.builder(Shape.of(t))
                .embedding(vocabulary, 4)
                .layerNorm()
                .dense(4, Activation.RELU)
                .add("ln1", "dense1")
                .flatten()
                .dense(5, Activation.RELU)
                .dense(3, Activation.IDENTITY)
                .build();
        GatingConfig seqGating = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gate("dense2", GroupKind.INPUT_FEATURES)
                .gate("dense3", GroupKind.INPUT_FEATURES)
                .build();
        TrainingResult seq = tokens(withZeroGroups(
                sequence, seqGating, Map.of("dense2", Set.of(0, 5, 6, 7, 20), "dense3", Set.of(1)), false, 23));
        out.add(new Case("sequence with a gated dense head", seq, ExportOptions.compact()));
        out.add(new Case("sequence with a gated dense head dense", seq, ExportOptions.dense()));
        return out;
    }

    private static void variants(List<Case> out, String name, TrainingResult r) {
        out.add(new Case(name + " compact", r, ExportOptions.compact()));
        out.add(new Case(
                name + " compact all features",
                r,
                ExportOptions.compact().withInputMode(ExportOptions.InputMode.ALL_FEATURES)));
        out.add(new Case(name + " dense", r, ExportOptions.dense()));
    }

    private static void cnn(
            List<Case> out, String name, ModelSpec model, GroupKind kind, Map<String, Set<Integer>> zero, long seed) {
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.01)
                .gateFilters(model, kind)
                .build();
        TrainingResult r = withZeroGroups(model, gating, zero, true, seed);
        out.add(new Case(name + " compact", r, ExportOptions.compact().withChannelBlock(1)));
        out.add(new Case(name + " compact blocks of 8", r, ExportOptions.compact()));
        out.add(new Case(name + " dense", r, ExportOptions.dense()));
    }

    /**
     * A result with seeded parameters (running variances positive, gates away from 0) in which the
     * groups of {@code zero} are removed (their first gate factor 0); with {@code positiveBiases} the
     * biases and batch-norm shifts of removed neurons and filters are positive, so the constants they
     * leave must be folded downstream.
     */
    private static TrainingResult withZeroGroups(
            ModelSpec model, GatingConfig gating, Map<String, Set<Integer>> zero, boolean positiveBiases, long seed) {
        Random rnd = new Random(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        for (ParamSpec s : ParameterLayout.specs(model, gating)) {
            float[] v = new float[s.shape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (s.role()) {
                    case GATES -> (float) (0.6 + rnd.nextDouble());
                    case RUNNING_VAR -> (float) (0.2 + 2 * rnd.nextDouble());
                    case SCALE -> (float) (1 + 0.3 * rnd.nextGaussian());
                    default -> (float) (0.4 * rnd.nextGaussian());
                };
            }
            if (s.role() == ParamRole.GATES && zero.containsKey(s.layer())) {
                int f = s.shape().dim(1);
                for (int j : zero.get(s.layer())) {
                    v[j * f] = 0f;
                }
            }
            if (positiveBiases && (s.role() == ParamRole.BIAS || s.role() == ParamRole.SHIFT)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]) + 0.1f;
                }
            }
            p.put(s.name(), new Tensor(s.shape().dims(), v));
        }
        return Models.result(model, gating, new ParameterSet(p), seed);
    }

    /** The same result taking token ids: no standardisation. */
    private static TrainingResult tokens(TrainingResult r) {
        return new TrainingResult(
                r.model(),
                r.gating(),
                r.training(),
                r.parameters(),
                Standardization.identity(r.model().inputSize()),
                r.featureNames(),
                r.classNames(),
                r.history(),
                r.metrics(),
                r.provenance());
    }

    private static String digest(ExportedModel m) throws Exception {
        OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(m.bytes()).getGraph();
        MessageDigest compute = MessageDigest.getInstance("SHA-256");
        g.getNodeList().forEach(n -> compute.update(n.toByteArray()));
        g.getInitializerList().forEach(t -> compute.update(t.toByteArray()));
        MessageDigest shapes = MessageDigest.getInstance("SHA-256");
        g.getInputList().forEach(v -> shapes.update(v.toByteArray()));
        g.getOutputList().forEach(v -> shapes.update(v.toByteArray()));
        g.getValueInfoList().forEach(v -> shapes.update(v.toByteArray()));
        PruningReport r = m.report();
        StringBuilder report = new StringBuilder();
        r.layers()
                .forEach(l -> report.append(l.layer())
                        .append(' ')
                        .append(l.kind())
                        .append(' ')
                        .append(l.groups())
                        .append(' ')
                        .append(l.removedGroups())
                        .append(' ')
                        .append(l.almostZero())
                        .append(' ')
                        .append(l.unitsBefore())
                        .append(' ')
                        .append(l.unitsAfter())
                        .append(' ')
                        .append(l.inputsBefore())
                        .append(' ')
                        .append(l.inputsAfter())
                        .append(' ')
                        .append(l.macsBefore())
                        .append(' ')
                        .append(l.macsAfter())
                        .append(' ')
                        .append(l.coupledWith())
                        .append('\n'));
        report.append(Arrays.toString(r.keptFeatureIndices()))
                .append(r.keptFeatureNames())
                .append(r.denseParameters())
                .append(' ')
                .append(r.exportedParameters())
                .append(' ')
                .append(r.constantOutput())
                .append(r.notes());
        MessageDigest rep = MessageDigest.getInstance("SHA-256");
        rep.update(report.toString().getBytes(StandardCharsets.UTF_8));
        HexFormat hex = HexFormat.of();
        return hex.formatHex(compute.digest()).substring(0, 16) + " "
                + hex.formatHex(shapes.digest()).substring(0, 16) + " "
                + hex.formatHex(rep.digest()).substring(0, 16);
    }

    private static Map<String, String> recordedDigests() {
        Map<String, String> m = new TreeMap<>();
        m.put("categorical compact", "188be4ccf9549411 8fb2027e85e69f7d 265975c0946523dd");
        m.put("categorical dense", "d4014093ddd882d8 1a5c891938e727f2 35dd483b8c056ce4");
        m.put("gpt HEADS dense", "9b4d9840af2bf9da 2232131e01677c2d db4b37b7f1d394f0");
        m.put("gpt HEADS every head removed", "29f865899b3f445d ec5c5c597f2d1cdc 08cdf7ddbeca9c58");
        m.put("gpt HEADS", "9350d9bda43d58bd efe377db726e0ab1 1908c87097fbf6b7");
        m.put("gpt HEADS_WIDE dense", "c2a09dfe6acab260 2232131e01677c2d 10b1646a5daa3fcd");
        m.put("gpt HEADS_WIDE every head removed", "f15f8f033b30d0ca ec5c5c597f2d1cdc 9f62d7753cb93e58");
        m.put("gpt HEADS_WIDE", "8d50f9ca3d0e432a efe377db726e0ab1 434c3fd107a86801");
        m.put("lenet5 dense head compact", "6e2cd2ca35252343 51da34309fc0a297 04835b2546863f92");
        m.put("lenet5 dense head dense", "b6a6175ae5b5e117 8ee3475077c7e030 e7ecc6b5317de252");
        m.put("lenet5 filter weights compact blocks of 8", "09b377c5fd7103f8 1d00350fd704368b a0d7b9b8396ea6d3");
        m.put("lenet5 filter weights compact", "09b377c5fd7103f8 1d00350fd704368b a0d7b9b8396ea6d3");
        m.put("lenet5 filter weights dense", "3c13f5861952c5d5 8ee3475077c7e030 c365f70fdd125988");
        m.put("lenet5 filters compact blocks of 8", "8923d2760d05de5a fa3261dc81c09340 c3727a716377c853");
        m.put("lenet5 filters compact", "8923d2760d05de5a fa3261dc81c09340 c3727a716377c853");
        m.put("lenet5 filters dense", "0eb95bc6f32935d4 8ee3475077c7e030 d52f8b6f926cdef5");
        m.put(
                "mlp a hidden layer removed whole compact all features",
                "ae7ed084402500ae 836956ed3d004771 1c34dc09c53dae8f");
        m.put("mlp a hidden layer removed whole compact", "ae7ed084402500ae 890fdd60cba7bfda 1c34dc09c53dae8f");
        m.put("mlp a hidden layer removed whole dense", "731cd57be282554d 6d12f03365186f77 9c31f779654e58c5");
        m.put(
                "mlp every input removed: constant compact all features",
                "dad7728ab674a8ad 836956ed3d004771 ba845c88d8587de5");
        m.put("mlp every input removed: constant compact", "dad7728ab674a8ad 890fdd60cba7bfda ba845c88d8587de5");
        m.put("mlp every input removed: constant dense", "e6aa37de186ff679 6d12f03365186f77 cfc0eec6aac1f12a");
        m.put("mlp grouped inputs compact all features", "7ea71efb3d540aed 592bca20d38f1bba d7b6c7e6a4f69cf2");
        m.put("mlp grouped inputs compact", "71efe0a0af108a48 d32e7ff0ac143279 d7b6c7e6a4f69cf2");
        m.put("mlp grouped inputs dense", "f8d07f472dded0d6 6d12f03365186f77 5f8b2cabda7e878a");
        m.put("mlp inputs compact all features", "eef9d5a9937ff154 3de7fff8cbec00ae a1d8dd581f129a10");
        m.put("mlp inputs compact", "7934504622622231 b03aef6a22c72c19 a1d8dd581f129a10");
        m.put("mlp inputs dense", "f12d6a0f1249b086 6d12f03365186f77 cfc0eec6aac1f12a");
        m.put(
                "mlp neurons, positive biases folded compact all features",
                "9a89f28d4455f9fc b0238e3bdc2db4bc dc4d1ac28334ad4c");
        m.put("mlp neurons, positive biases folded compact", "9a89f28d4455f9fc b0238e3bdc2db4bc dc4d1ac28334ad4c");
        m.put("mlp neurons, positive biases folded dense", "ec48a88ee37d4297 6d12f03365186f77 9c31f779654e58c5");
        m.put(
                "regression mlp with dropout, inputs and neurons compact all features",
                "50c2d4b3b9e6c6c2 58b03d7302a585ec f21b41e4c33f6a8b");
        m.put(
                "regression mlp with dropout, inputs and neurons compact",
                "c022ddbbf70ffba7 9152c9991115e73e f21b41e4c33f6a8b");
        m.put(
                "regression mlp with dropout, inputs and neurons dense",
                "19cd03c6ae7e794e 4623be65d3822040 61bf4d7a101ae458");
        m.put(
                "resnet8 an inner conv removed whole compact blocks of 8",
                "796cc585b895b611 f5c1ccf025ad15b2 9b05178964035db2");
        m.put("resnet8 an inner conv removed whole compact", "a2593bca839acbb7 af36cc79773801fd 6169396cf80fff3f");
        m.put("resnet8 an inner conv removed whole dense", "f1d963ef533a2967 6df768037d73297f 6528f0496037e14c");
        m.put("resnet8 filter weights compact blocks of 8", "668bb5f554d2b644 d0cafd9bf8f58c1d 9353ad0398df98c3");
        m.put("resnet8 filter weights compact", "29eda03e9de34523 b209371c8f15ae18 ed714e6dc4dfa715");
        m.put("resnet8 filter weights dense", "ff90f0e325dfe3b8 6df768037d73297f 41e647edef9dd16a");
        m.put("resnet8 filters compact blocks of 8", "8b4561338e952167 d0cafd9bf8f58c1d 35d64bd37fe7b8a1");
        m.put("resnet8 filters compact", "6c9004224d4da3bf c10a9bd159e36acb c927180fe8587d71");
        m.put("resnet8 filters dense", "4496ed69f947d712 6df768037d73297f 6528f0496037e14c");
        m.put("sequence with a gated dense head dense", "909143cfc01734a8 7f7175dc49a9b230 99a23c44e4025bbb");
        m.put("sequence with a gated dense head", "1936702c8fe427d0 b6b72f6f45a56d27 40871e6bc1d6eed8");
        m.put("strided filter weights compact blocks of 8", "d7bfc1f2861513cb d59fed76aac72efd 60e3fdf2148bf1ce");
        m.put("strided filter weights compact", "d7bfc1f2861513cb d59fed76aac72efd 60e3fdf2148bf1ce");
        m.put("strided filter weights dense", "4153ed3ec24c1f5d db24afa3becaa230 c10b46d7abf3f7ba");
        m.put("strided filters compact blocks of 8", "0c89f93b9bcdd995 367d1f8089c593dc ebedc4058ed922e6");
        m.put("strided filters compact", "0c89f93b9bcdd995 367d1f8089c593dc ebedc4058ed922e6");
        m.put("strided filters dense", "5d853ac362c601e8 db24afa3becaa230 b2cc84f80f37a2b1");
        m.put(
                "vgg a conv removed whole: constant compact blocks of 8",
                "bf33da6cdd24f144 413b86f7402b7deb 7de49221d5d55236");
        m.put("vgg a conv removed whole: constant compact", "bf33da6cdd24f144 413b86f7402b7deb 7de49221d5d55236");
        m.put("vgg a conv removed whole: constant dense", "96fd62b3303c2c8d 8f17d02df1eefee0 3b8ffa88b0c6610e");
        m.put("vgg filter weights compact blocks of 8", "5606a106b7afc728 8aded77f9dd6768a feb685c9f0edd343");
        m.put("vgg filter weights compact", "5606a106b7afc728 8aded77f9dd6768a feb685c9f0edd343");
        m.put("vgg filter weights dense", "421e2bfda5c17405 8f17d02df1eefee0 b7c99b5cffdc801e");
        m.put("vgg filters compact blocks of 8", "fd45cdaee4f06aa4 7c7185dd3f1d289f cb4918452628e86b");
        m.put("vgg filters compact", "fd45cdaee4f06aa4 7c7185dd3f1d289f cb4918452628e86b");
        m.put("vgg filters dense", "8208a45ba509487e 8f17d02df1eefee0 3b8ffa88b0c6610e");
        m.put("vgg wide filter weights compact blocks of 8", "5eb9f49e3698e00d 8c5eafa1c4d576da b7e3ddb6dd916a45");
        m.put("vgg wide filter weights compact", "c20655f876f1ca91 e1d0dad77ee2edba 9408a000c3a01119");
        m.put("vgg wide filter weights dense", "591adb61ec43483e 0931392d22e10ed5 e065a87e41936060");
        m.put("vgg wide filters compact blocks of 8", "4f848207fb79b493 8c5eafa1c4d576da 202be6bd250ddfb1");
        m.put("vgg wide filters compact", "8c4ba1bb76aa9bcc a9915751806a5dc7 4a729777332e9724");
        m.put("vgg wide filters dense", "c4928e4e0ccffd17 0931392d22e10ed5 e4a7cdc861001494");
        return m;
    }
}
