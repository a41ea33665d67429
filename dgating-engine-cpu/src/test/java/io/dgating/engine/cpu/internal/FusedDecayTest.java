package io.dgating.engine.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The training step adds omega's decay inside the gates' backward pass; every gradient must have
 * the bits of the two-pass form (data-loss gradients, then {@link Network#addDecayGradients}), for
 * input-feature groups (columns of a weight), neuron groups (rows) and filter groups spanning conv
 * filters, biases and batch-norm entries, with ordinary weight decay on the ungated parameters.
 */
class FusedDecayTest {

    private static final WorkerPool POOL = new WorkerPool(2);

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    static Stream<Arguments> cases() {
        ModelSpec mlp = ModelSpec.builder(40)
                .dense(24, Activation.RELU)
                .dense(8, Activation.TANH)
                .dense(3, Activation.IDENTITY)
                .build();
        ModelSpec cnn = FilterGatedGradientNumericTest.model();
        GatingConfig.Builder filters = GatingConfig.builder().depth(3).lambda(0.05);
        List.of("conv1", "conv2", "conv4").forEach(o -> filters.gate(GateSpec.of(o, GroupKind.FILTERS)));
        return Stream.of(
                Arguments.of(
                        "inputs D=3",
                        mlp,
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.05)
                                .gate("dense1", GroupKind.INPUT_FEATURES)
                                .build()),
                Arguments.of(
                        "neurons D=2",
                        mlp,
                        GatingConfig.builder()
                                .depth(2)
                                .lambda(0.05)
                                .gate("dense1", GroupKind.NEURONS)
                                .gate("dense2", GroupKind.NEURONS)
                                .build()),
                Arguments.of("filters D=3", cnn, filters.build()),
                // no penalty (fine-tuning): the fused pass must leave the data-loss gradients' bits alone
                Arguments.of(
                        "inputs D=3, lambda 0",
                        mlp,
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0)
                                .gate("dense1", GroupKind.INPUT_FEATURES)
                                .build()));
    }

    private static ParameterSet negateFirstGate(ParameterSet p, ModelSpec model, GatingConfig gating) {
        Map<String, Tensor> m = new LinkedHashMap<>(p.asMap());
        for (ParamSpec spec : ParameterLayout.specs(model, gating)) {
            if (spec.role() == ParamRole.GATES) {
                Tensor t = m.get(spec.name());
                float[] v = t.data();
                v[0] = -Math.abs(v[0]);
                m.put(spec.name(), new Tensor(t.shape(), v));
            }
        }
        return new ParameterSet(m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fusedDecayHasTheBitsOfTheTwoPassForm(String name, ModelSpec model, GatingConfig gating) {
        Random rnd = new Random(5);
        // group 0's gate product negative and input value 0 always zero, so zero gradients of both
        // signs occur (their bits must survive the fused pass too)
        ParameterSet start = negateFirstGate(ParameterInitializer.initialize(model, gating, 3), model, gating);
        int n = 6;
        float[] x = new float[n * model.inputSize()];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % model.inputSize() == 0 ? 0f : (float) rnd.nextGaussian();
        }
        for (int r = 0; r < n; r++) {
            y[r] = rnd.nextInt(3);
        }
        double weightDecay = 0.01;
        Network twoPass = new Network(model, gating, start, new GemmMt(POOL), 1L);
        twoPass.lossAndGradients(x, y, n);
        twoPass.addDecayGradients(weightDecay);
        Network fused = new Network(model, gating, start, new GemmMt(POOL), 1L);
        fused.lossAndGradients(x, y, null, 0, n, weightDecay);
        Network noDecay = new Network(model, gating, start, new GemmMt(POOL), 1L);
        noDecay.lossAndGradients(x, y, n);
        for (int i = 0; i < twoPass.params().size(); i++) {
            Param p = twoPass.params().get(i);
            assertArrayEquals(p.grad(), fused.params().get(i).grad(), name + ": gradient of " + p.name());
            // the decay is there at all (it changes every gradient of a non-zero factor)
            boolean nonZero = false;
            for (float v : p.value()) {
                nonZero |= v != 0f;
            }
            if (p.gatedFactor() && nonZero && gating.lambda() > 0) {
                assertNotEquals(
                        Arrays.toString(p.grad()),
                        Arrays.toString(noDecay.params().get(i).grad()),
                        name + ": decay of " + p.name());
            }
        }
    }
}
