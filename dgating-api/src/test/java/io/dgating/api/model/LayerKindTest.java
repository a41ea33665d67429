package io.dgating.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A module's kinds are read off its visitor: a kind it leaves abstract is not among them. */
class LayerKindTest {

    /** Registers every kind but attention, which it leaves to a subclass. */
    private abstract static class AllButAttention implements LayerVisitor<String> {
        @Override
        public String dense(Dense layer) {
            return "dense";
        }

        @Override
        public String conv2d(Conv2d layer) {
            return "conv2d";
        }

        @Override
        public String batchNorm(BatchNorm layer) {
            return "batchNorm";
        }

        @Override
        public String layerNorm(LayerNorm layer) {
            return "layerNorm";
        }

        @Override
        public String pool2d(Pool2d layer) {
            return "pool2d";
        }

        @Override
        public String globalAvgPool(GlobalAvgPool layer) {
            return "globalAvgPool";
        }

        @Override
        public String nonlinearity(Nonlinearity layer) {
            return "nonlinearity";
        }

        @Override
        public String add(Add layer) {
            return "add";
        }

        @Override
        public String multiply(Multiply layer) {
            return "multiply";
        }

        @Override
        public String dropout(Dropout layer) {
            return "dropout";
        }

        @Override
        public String flatten(Flatten layer) {
            return "flatten";
        }

        @Override
        public String embedding(Embedding layer) {
            return "embedding";
        }

        @Override
        public String positionEmbedding(PositionEmbedding layer) {
            return "positionEmbedding";
        }
    }

    private static final class All extends AllButAttention {
        @Override
        public String attention(MultiHeadAttention layer) {
            return "attention";
        }
    }

    @Test
    void theKindsOfAVisitorAreTheOnesItImplements() {
        Set<LayerKind> allBut = EnumSet.allOf(LayerKind.class);
        allBut.remove(LayerKind.ATTENTION);
        assertEquals(allBut, LayerKind.implementedBy(AllButAttention.class));
        assertEquals(EnumSet.allOf(LayerKind.class), LayerKind.implementedBy(All.class));
    }

    @Test
    void everyKindHasAUniqueIdThatReadsBack() {
        for (LayerKind k : LayerKind.values()) {
            assertEquals(k, LayerKind.byId(k.id()).orElseThrow());
        }
        assertEquals(
                LayerKind.values().length,
                Set.of(LayerKind.values()).stream()
                        .map(LayerKind::id)
                        .distinct()
                        .count());
    }
}
