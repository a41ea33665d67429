package io.dgating.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.export.LayerReport;
import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The library facade on a CNN with filter gating: the bundled 8 x 8 digits, a small VGG, D = 3, a
 * search for the lambda that removes at least 40% of the filters.
 * Filters are removed, the compact ONNX model's Conv weights have exactly the kept channel counts,
 * it passed the facade's ONNX Runtime verification, and {@link CompactPredictor} gives the same
 * outputs for an image sent flat or shaped {@code [C][H][W]}.
 */
class CnnCompressorTest {

    @Test
    void compressesACnnWithFilterGroups() {
        Dataset digits = BundledDataset.DIGITS.load();
        ModelSpec model = Architectures.vgg(digits.sampleShape(), List.of("8", "8", "M", "16"), 10);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.02)
                .gateFilters(model, GroupKind.FILTERS)
                .build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(6)
                .batchSize(32)
                .learningRate(0.05)
                .seed(3)
                .build();
        CompressionResult r = new Compressor(EngineRegistry.fromServiceLoader())
                .compress(
                        DatasetSplits.random(digits, 0.2, 0.2, 3),
                        model,
                        gating,
                        training,
                        CompressionOptions.defaults()
                                .withTarget(SparsityTarget.parse("remove:40%"))
                                .withFineTuning(new FineTuning(1, 0.005))
                                .withBenchmark(List.of()),
                        TrainingListener.NONE,
                        m -> {});
        int kept = r.training().groupReports().stream().mapToInt(g -> g.kept()).sum();
        assertTrue(kept <= 19 && kept > 0, "at least 40% but not all of 32 filter groups removed: " + kept);
        assertTrue(
                r.verification().compactScore() > 0.5,
                "compact accuracy " + r.verification().compactScore());

        Map<String, long[]> dims = new HashMap<>();
        try {
            for (OnnxMl.TensorProto t :
                    OnnxMl.ModelProto.parseFrom(r.compact().bytes()).getGraph().getInitializerList()) {
                dims.put(
                        t.getName(),
                        t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        for (LayerReport l : r.compact().report().layers()) {
            if (l.layer().startsWith("conv")) {
                assertEquals(l.unitsAfter(), dims.get(l.layer() + ".weight")[0], l.layer() + " filters");
                assertEquals(l.inputsAfter(), dims.get(l.layer() + ".weight")[1], l.layer() + " input channels");
            }
        }

        float[] flat = new float[64];
        digits.copyRow(5, flat, 0);
        float[][][] image = new float[1][8][8];
        for (int i = 0; i < 64; i++) {
            image[0][i / 8][i % 8] = flat[i];
        }
        try (CompactPredictor p = CompactPredictor.load(r.compact().bytes(), Provider.CPU, 1)) {
            assertArrayEquals(new int[] {1, 8, 8}, p.inputShape());
            assertArrayEquals(p.predict(flat, 1), p.predict(image));
            int right = 0;
            for (int row = 0; row < 200; row++) {
                digits.copyRow(row, flat, 0);
                right += p.classify(flat) == (int) digits.target(row) ? 1 : 0;
            }
            assertTrue(right > 100, "the predictor classifies " + right + " of 200 images right");
        }
    }
}
