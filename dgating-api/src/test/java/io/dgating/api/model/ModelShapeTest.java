package io.dgating.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layer kinds declare their output shapes, so a model checks its chain when it is made. */
class ModelShapeTest {

    @Test
    void shapesFlowThroughTheLayers() {
        ModelSpec m = ModelSpec.builder(6).dense(4, Activation.RELU).dropout(0.5).dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY).build();
        assertEquals(Shape.of(6), m.inputShape());
        assertEquals(Shape.of(4), m.inputShapeOf(1));
        assertEquals(Shape.of(4), m.inputShapeOf(2));
        assertEquals(Shape.of(2), m.inputShapeOf(3));
        assertEquals(6, m.inputSize());
        assertEquals(2, m.outputSize());
    }

    @Test
    void aDenseLayerOnImagesIsRefusedWhenTheModelIsMade() {
        String message = assertThrows(IllegalArgumentException.class, () -> new ModelSpec(Shape.of(1, 28, 28),
                List.of(new Dense("dense1", 10, Activation.IDENTITY, true)), Head.SOFTMAX_CROSS_ENTROPY)).getMessage();
        assertTrue(message.contains("dense layer 'dense1' takes flat examples [inputs], got [1, 28, 28]"), message);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ModelSpec(Shape.of(), List.of(
                new Dense("d", 1, Activation.IDENTITY, true)), Head.SQUARED_ERROR)).getMessage().contains("input shape"));
    }
}
