package io.dgating.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer kinds declare their output shapes, so a model checks its chain when it is made. */
class ModelShapeTest {

    @Test
    void shapesFlowThroughTheLayers() {
        ModelSpec m = ModelSpec.builder(6)
                .dense(4, Activation.RELU)
                .dropout(0.5)
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        assertEquals(Shape.of(6), m.inputShape());
        assertEquals(Shape.of(4), m.inputShapeOf(1));
        assertEquals(Shape.of(4), m.inputShapeOf(2));
        assertEquals(Shape.of(2), m.inputShapeOf(3));
        assertEquals(6, m.inputSize());
        assertEquals(2, m.outputSize());
    }

    @Test
    void aDenseLayerOnImagesIsRefusedWhenTheModelIsMade() {
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> new ModelSpec(
                                Shape.of(1, 28, 28),
                                List.of(new Dense("dense1", 10, Activation.IDENTITY, true)),
                                Head.SOFTMAX_CROSS_ENTROPY))
                .getMessage();
        assertTrue(
                message.contains(
                        "dense layer 'dense1' takes flat examples [inputs] or sequences [T, inputs], got [1, 28, 28]"),
                message);
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new ModelSpec(
                                Shape.of(), List.of(new Dense("d", 1, Activation.IDENTITY, true)), Head.SQUARED_ERROR))
                .getMessage()
                .contains("input shape"));
    }

    @Test
    void flattenLetsDenseLayersReadImagesAndRequestsCheckTheExampleShape() {
        ModelSpec m = ModelSpec.builder(Shape.of(1, 2, 2))
                .flatten()
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        assertEquals(Shape.of(4), m.inputShapeOf(1));
        assertEquals(List.of(), m.layers().get(0).parameters(Shape.of(1, 2, 2)));
        Dataset images = new Dataset(
                "img",
                Shape.of(1, 2, 2),
                4,
                new float[16],
                new float[] {0, 1, 0, 1},
                Task.CLASSIFICATION,
                List.of("a", "b", "c", "d"),
                List.of("x", "y"));
        DatasetSplits data =
                new DatasetSplits(images, images.select(new int[0], "/v"), images, Standardization.identity(4));
        TrainingConfig cfg = TrainingConfig.builder().epochs(1).build();
        TrainingRequest.of(m, GatingConfig.none(), cfg, data); // accepted
        ModelSpec other = ModelSpec.builder(Shape.of(4, 1, 1))
                .flatten()
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        assertEquals(
                "model takes examples of shape [4, 1, 1] but img has [1, 2, 2]",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> TrainingRequest.of(other, GatingConfig.none(), cfg, data))
                        .getMessage());
        ModelSpec flat = ModelSpec.mlp(4, List.of(), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        TrainingRequest.of(flat, GatingConfig.none(), cfg, data); // a flat model reads any example as its values
    }
}
