package io.dgating.api.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An engine refuses a model with a layer kind it lacks before doing anything, naming the layer and what it has. */
class EngineLayerKindsTest {

    /** An engine that knows dense and flatten layers and does nothing else. */
    private static final class DenseOnly implements Engine {
        @Override
        public String name() {
            return "dense-only";
        }

        @Override
        public Set<LayerKind> layerKinds() {
            return Set.of(LayerKind.DENSE, LayerKind.FLATTEN);
        }

        @Override
        public TrainingResult train(TrainingRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] predict(ModelSpec model, ParameterSet plainParameters, float[] features, int rows) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    @Test
    void aModelWithAnUnknownKindIsRefusedByName() {
        Engine e = new DenseOnly();
        assertDoesNotThrow(() -> e.checkSupports(ModelSpec.builder(Shape.of(1, 4, 4))
                .flatten()
                .dense(2, Activation.IDENTITY)
                .build()));
        ModelSpec cnn = ModelSpec.builder(Shape.of(1, 4, 4))
                .conv(2, 3, 1)
                .flatten()
                .dense(2, Activation.IDENTITY)
                .build();
        assertEquals(
                "the dense-only engine does not implement layer kind conv2d (layer 'conv1'); it implements "
                        + "[dense, flatten]",
                assertThrows(IllegalArgumentException.class, () -> e.checkSupports(cnn))
                        .getMessage());
    }
}
