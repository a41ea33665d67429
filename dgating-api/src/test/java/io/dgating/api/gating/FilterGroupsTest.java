package io.dgating.api.gating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which parameters a filter group holds, and which convolutions residual adds couple. */
class FilterGroupsTest {

    private static final Shape IMG = Shape.of(3, 16, 16);

    @Test
    void resnetStagesCoupleTheStemWithEveryBlocksSecondConvAndTheShortcuts() {
        ModelSpec m = Architectures.resnet(IMG, 14, 10);
        ChannelCoupling c = new ChannelCoupling(m);
        // stem conv1; stage 1: conv2-3, conv4-5; stage 2: conv6-7 + shortcut conv8, conv9-10; stage 3: conv11-12 +
        // conv13, conv14-15
        assertEquals(
                List.of("conv1", "conv2", "conv4", "conv6", "conv7", "conv9", "conv11", "conv12", "conv14"),
                c.owners());
        List<String> stream1 = c.convolutions(m.indexOf("conv1")).stream()
                .map(i -> m.layers().get(i).name())
                .toList();
        assertEquals(List.of("conv1", "conv3", "conv5"), stream1);
        List<String> stream2 = c.convolutions(m.indexOf("conv7")).stream()
                .map(i -> m.layers().get(i).name())
                .toList();
        assertEquals(List.of("conv7", "conv8", "conv10"), stream2);
    }

    @Test
    void zeroInvariantGroupHoldsEveryFilterBiasAndBatchNormEntryOfTheChannel() {
        ModelSpec m = Architectures.resnet(IMG, 8, 10);
        GatingConfig g = GatingConfig.builder()
                .depth(3)
                .gateFilters(m, GroupKind.FILTERS)
                .build();
        GateGroups stream = g.groupsOf(m, "conv1");
        assertEquals(16, stream.size());
        // the stem, the block's second conv and the batch norms after both (and none of the block's first)
        assertEquals(
                Set.of("conv1.weight", "conv3.weight", "bn1.weight", "bn1.bias", "bn3.weight", "bn3.bias"),
                Set.copyOf(stream.params().stream().map(ParamRef::name).toList()));
        for (GroupSlice s : stream.groups().get(5)) {
            assertEquals(0, s.axis());
            assertTrue(Arrays.equals(new int[] {5}, s.indices()), s.toString());
        }
        GateGroups narrow = GatingConfig.builder()
                .depth(3)
                .gateFilters(m, GroupKind.FILTER_WEIGHTS)
                .build()
                .groupsOf(m, "conv1");
        assertEquals(
                Set.of("conv1.weight", "conv3.weight"),
                Set.copyOf(narrow.params().stream().map(ParamRef::name).toList()));
        assertTrue(ParameterLayout.gatedFactors(m, g).containsAll(Set.of("bn3.bias", "conv3.weight", "conv1.gates")));
    }

    @Test
    void gatingACoupledConvThatDoesNotOwnItsChannelsNamesTheOwner() {
        ModelSpec m = Architectures.resnet(IMG, 8, 10);
        GatingConfig g = GatingConfig.builder().gate("conv3", GroupKind.FILTERS).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.validateAgainst(m));
        assertTrue(e.getMessage().contains("gate 'conv1'"), e.getMessage());
    }

    @Test
    void channelsAddedToTheModelInputCannotBeGated() {
        ModelSpec m = ModelSpec.builder(Shape.of(2, 6, 6))
                .conv(2, 3, 1, 1, true)
                .add("input", "conv1")
                .flatten()
                .dense(2, Activation.IDENTITY)
                .build();
        assertEquals(List.of(), new ChannelCoupling(m).owners());
        GatingConfig g = GatingConfig.builder().gate("conv1", GroupKind.FILTERS).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.validateAgainst(m));
        assertTrue(e.getMessage().contains("model input"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> GatingConfig.builder().gateFilters(m, GroupKind.FILTERS));
    }

    @Test
    void filterGroupsOnADenseLayerAndDenseGroupsOnAConvAreRefused() {
        ModelSpec m = Architectures.lenet5(Shape.of(1, 16, 16), 3);
        assertThrows(
                IllegalArgumentException.class,
                () -> GatingConfig.builder()
                        .gate("dense1", GroupKind.FILTERS)
                        .build()
                        .validateAgainst(m));
        assertThrows(
                IllegalArgumentException.class,
                () -> GatingConfig.builder()
                        .gate("conv1", GroupKind.NEURONS)
                        .build()
                        .validateAgainst(m));
    }
}
