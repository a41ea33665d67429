package io.dgating.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Conv2d;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.Pool2d;
import io.dgating.api.train.TrainingResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter removal is exact: CNNs with chosen filter groups at exactly zero (gates 0), batch-norm
 * statistics and affine entries spread away from their defaults, exported compact and run in
 * ONNX Runtime on inputs far outside the standardisation's range. ONNX Runtime must match the
 * CPU engine's forward pass of the unpruned model to 1e-5 of the output scale, for D = 2, 3, 4,
 * and every Conv weight in the graph must have the channel counts the report gives. Exported
 * once with exactly the kept channels (whose counts the cases give) and once in blocks of 8
 * channels (ONNX Runtime's layout), which must be as exact.
 */
class FilterPruningIT {

    private static final Shape IMG = Shape.of(2, 12, 12);

    record Case(
            String name,
            ModelSpec model,
            GroupKind kind,
            Map<String, Set<Integer>> zero,
            Map<String, Integer> expectedFilters,
            boolean constantOutput) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        ModelSpec lenet = Architectures.lenet5(IMG, 3);
        ModelSpec vgg = Architectures.vgg(IMG, List.of("4", "4", "M", "6", "M"), 3);
        ModelSpec resnet = Architectures.resnet(IMG, 8, 3);
        ModelSpec strided = ModelSpec.builder(IMG)
                .conv(5, 3, 2, 1, true)
                .activation(Activation.TANH)
                .conv(4, 3, 2, 2, true)
                .activation(Activation.TANH)
                .layer(new Pool2d("avg", Pool2d.Mode.AVERAGE, 2, 1, 1))
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
        List<Case> cases = List.of(
                new Case(
                        "lenet5 filters",
                        lenet,
                        GroupKind.FILTERS,
                        Map.of("conv1", Set.of(0, 3), "conv2", Set.of(1, 2, 9)),
                        Map.of("conv1", 4, "conv2", 13),
                        false),
                new Case(
                        "lenet5 every conv1 filter removed: constant output",
                        lenet,
                        GroupKind.FILTERS,
                        Map.of("conv1", Set.of(0, 1, 2, 3, 4, 5)),
                        Map.of(),
                        true),
                new Case(
                        "vgg filters, one conv down to a single filter",
                        vgg,
                        GroupKind.FILTERS,
                        Map.of("conv1", Set.of(1), "conv2", Set.of(0, 1, 2), "conv3", Set.of(0, 5)),
                        Map.of("conv1", 3, "conv2", 1, "conv3", 4),
                        false),
                new Case(
                        "vgg every filter of one conv removed: the next conv sees zeros, the output is constant",
                        vgg,
                        GroupKind.FILTERS,
                        Map.of("conv2", Set.of(0, 1, 2, 3)),
                        Map.of(),
                        true),
                new Case(
                        "resnet:8 a block's inner conv fully removed: the branch adds a constant",
                        resnet,
                        GroupKind.FILTERS,
                        Map.of(
                                "conv2",
                                Set.of(IntStream.range(0, 16).boxed().toArray(Integer[]::new)),
                                "conv7",
                                Set.of(3)),
                        Map.of("conv2", 0, "conv3", 16, "conv7", 63),
                        false),
                new Case(
                        "resnet:8 coupled channels across blocks",
                        resnet,
                        GroupKind.FILTERS,
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
                        Map.of(
                                "conv1", 13, "conv2", 15, "conv3", 13, "conv4", 29, "conv5", 31, "conv6", 31, "conv7",
                                62, "conv8", 63, "conv9", 63),
                        false),
                new Case(
                        "strided and padded convs",
                        strided,
                        GroupKind.FILTERS,
                        Map.of("conv1", Set.of(1, 4), "conv2", Set.of(0)),
                        Map.of("conv1", 3, "conv2", 3),
                        false),
                new Case(
                        "vgg narrow (paper) groups with padding: constant channels folded with border maps",
                        vgg,
                        GroupKind.FILTER_WEIGHTS,
                        Map.of("conv1", Set.of(1), "conv2", Set.of(0, 2), "conv3", Set.of(0, 5)),
                        Map.of("conv1", 3, "conv2", 2, "conv3", 4),
                        false),
                new Case(
                        "strided and padded convs, narrow groups: stride-2 border maps, a constant through a padded "
                                + "average pool stays computed",
                        strided,
                        GroupKind.FILTER_WEIGHTS,
                        Map.of("conv1", Set.of(1, 4), "conv2", Set.of(0)),
                        Map.of("conv1", 3, "conv2", 4),
                        false),
                new Case(
                        "resnet:8 narrow groups: constant stream channels folded into every reader",
                        resnet,
                        GroupKind.FILTER_WEIGHTS,
                        Map.of("conv1", Set.of(0, 5), "conv2", Set.of(3), "conv5", Set.of(7)),
                        Map.of("conv2", 15),
                        false),
                new Case(
                        "lenet5 narrow groups: constant channels folded",
                        lenet,
                        GroupKind.FILTER_WEIGHTS,
                        Map.of("conv1", Set.of(0, 3), "conv2", Set.of(1, 2, 9)),
                        Map.of("conv1", 4, "conv2", 13),
                        false));
        return Stream.of(2, 3, 4).flatMap(d -> cases.stream().map(c -> Arguments.of(d, c)));
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("cases")
    void compactCnnMatchesTheEngineInOnnxRuntime(int depth, Case c) throws Exception {
        GatingConfig gating = GatingConfig.builder()
                .depth(depth)
                .lambda(0.01)
                .gateFilters(c.model(), c.kind())
                .build();
        TrainingResult r = spreadBatchNorms(Models.withZeroGroups(c.model(), gating, c.zero(), false, 5L + depth));
        int n = 12;
        float[] raw = Models.rawRows(r, n, 9);
        double[] mean = r.standardization().mean();
        for (int i = 0; i < raw.length; i++) {
            // three times as far from the mean as the data: folding errors hide in-distribution
            int f = i % mean.length;
            raw[i] = (float) (mean[f] + 3 * (raw[i] - mean[f]));
        }
        float[] expected = Models.reference(r, raw, n);
        ExportedModel exported =
                new OnnxExporter().export(r, ExportOptions.compact().withChannelBlock(1));
        assertMatches(exported, raw, expected, n, c + " D=" + depth);
        assertEquals(c.constantOutput(), exported.report().constantOutput(), c + ": constant output");
        Map<String, LayerReport> reports = reports(exported);
        for (var e : c.expectedFilters().entrySet()) {
            assertEquals(e.getValue(), reports.get(e.getKey()).unitsAfter(), c + ": filters kept by " + e.getKey());
        }
        if (c.constantOutput()) {
            return;
        }
        assertConvWeightsMatchReport(exported, c.toString());

        // in blocks of 8: still exact; every conv reads at most 4 channels, all of them, or whole blocks
        ExportedModel blocked = new OnnxExporter().export(r, ExportOptions.compact());
        assertMatches(blocked, raw, expected, n, c + " D=" + depth + " in blocks of 8");
        assertConvWeightsMatchReport(blocked, c + " in blocks of 8");
        Set<String> convs = new HashSet<>();
        c.model().layers().stream().filter(l -> l instanceof Conv2d).forEach(l -> convs.add(l.name()));
        boolean grown = false;
        for (LayerReport l : reports(blocked).values()) {
            LayerReport before = reports.get(l.layer());
            if (!convs.contains(l.layer()) || before.macsAfter() == 0) {
                continue;
            }
            int in = l.inputsAfter();
            int kept = before.inputsAfter();
            boolean whole = in % 8 == 0 || in == l.inputsBefore();
            assertTrue(
                    kept <= 4 ? in == kept : in >= kept && in < kept + 8 && whole,
                    c + ": " + l.layer() + " reads " + in + " channels (exactly " + kept + "): expected " + kept
                            + (kept <= 4 ? "" : " rounded up to a multiple of 8"));
            grown |= in > kept;
        }
        assertEquals(
                grown,
                !blocked.report().notes().stream()
                        .filter(s -> s.contains("blocks of 8"))
                        .toList()
                        .isEmpty(),
                c + ": a note says which channel sets were rounded up");
    }

    private static void assertMatches(ExportedModel exported, float[] raw, float[] expected, int n, String what)
            throws Exception {
        long[] dims = {n, IMG.dim(0), IMG.dim(1), IMG.dim(2)};
        float[] ort = OrtRunner.run(exported.bytes(), raw, dims, OnnxExporter.OUTPUT);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < ort.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(ort[i] - expected[i]));
        }
        assertTrue(
                diff <= 1e-5 * Math.max(1, scale),
                what + ": ONNX Runtime differs by " + diff + " at output scale " + scale);
    }

    private static Map<String, LayerReport> reports(ExportedModel exported) {
        Map<String, LayerReport> reports = new LinkedHashMap<>();
        exported.report().layers().forEach(l -> reports.put(l.layer(), l));
        return reports;
    }

    private static void assertConvWeightsMatchReport(ExportedModel exported, String c) throws Exception {
        Map<String, long[]> weights = new HashMap<>();
        for (OnnxMl.TensorProto t :
                OnnxMl.ModelProto.parseFrom(exported.bytes()).getGraph().getInitializerList()) {
            weights.put(
                    t.getName(),
                    t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        }
        for (LayerReport l : reports(exported).values()) {
            if (!weights.containsKey(l.layer() + ".weight") || weights.get(l.layer() + ".weight").length != 4) {
                continue;
            }
            long[] w = weights.get(l.layer() + ".weight");
            assertEquals(l.unitsAfter(), w[0], c + ": Conv weight of " + l.layer() + " has the kept filters");
            assertEquals(l.inputsAfter(), w[1], c + ": Conv weight of " + l.layer() + " reads the kept channels");
            assertEquals(
                    l.macsAfter(),
                    l.macsBefore() * l.unitsAfter() * l.inputsAfter() / ((long) l.unitsBefore() * l.inputsBefore()),
                    c + ": multiply-adds of " + l.layer());
        }
    }

    /** Running statistics and batch-norm affine entries away from (0, 1), so folding them is exercised. */
    private static TrainingResult spreadBatchNorms(TrainingResult r) {
        Random rnd = new Random(3);
        Map<String, Tensor> p = new LinkedHashMap<>(r.parameters().asMap());
        for (var e : r.parameters().asMap().entrySet()) {
            String name = e.getKey();
            boolean stat = name.endsWith(".running_mean") || name.endsWith(".running_var");
            boolean affine = name.startsWith("bn") && !stat;
            if (!stat && !affine) {
                continue;
            }
            float[] v = e.getValue().data();
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith(".running_var")
                        ? (float) (0.2 + 2 * rnd.nextDouble())
                        : v[i] + (float) (0.5 * rnd.nextGaussian());
            }
            p.put(name, new Tensor(e.getValue().shape(), v));
        }
        return Models.result(r.model(), r.gating(), new ParameterSet(p), 11);
    }

    static int[] all(int n) {
        return IntStream.range(0, n).toArray();
    }
}
