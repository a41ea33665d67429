package io.dgating.engine.djl;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.TextCorpus;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A two-block GPT trained for next-character prediction at every position of its windows (the loss
 * is the mean over all positions), with and without D-Gated heads, on both engines from the same
 * start and batches: SGD steps agree to 1e-5 after one epoch, and the engines report the
 * same validation loss.
 */
class GptCrossEngineIT {

    private static CpuEngine cpu;
    private static DjlEngine djl;

    @BeforeAll
    static void start() {
        cpu = new CpuEngine(new EngineConfig(1, "cpu"));
        djl = new DjlEngine(new EngineConfig(1, "cpu"));
    }

    @AfterAll
    static void stop() {
        cpu.close();
        djl.close();
    }

    static DatasetSplits text() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append(i % 3 == 0 ? "the whale swims. " : i % 3 == 1 ? "a ship sails on. " : "call me ishmael! ");
        }
        return TextCorpus.of("text", s.toString()).splits(8, 0.2, 0.2);
    }

    static Stream<Arguments> cases() {
        ModelSpec m = Architectures.gpt(text().train().classes(), 2, 2, 8, 8);
        return Stream.of(
                Arguments.of("ungated", m, GatingConfig.none()),
                Arguments.of(
                        "value-row heads D = 3",
                        m,
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.02)
                                .gateHeads(m, GroupKind.HEADS)
                                .build()),
                Arguments.of(
                        "wide heads D = 4",
                        m,
                        GatingConfig.builder()
                                .depth(4)
                                .lambda(0.02)
                                .gateHeads(m, GroupKind.HEADS_WIDE)
                                .build()));
    }

    private static TrainingResult run(Engine e, ModelSpec m, GatingConfig g, ParameterSet init) {
        // SGD, not Adam: the key bias's gradient is exactly zero in exact arithmetic (softmax ignores a shift
        // shared by a row's scores), and Adam would turn each engine's rounding noise into full-size steps
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.05)
                .epochs(1)
                .batchSize(24)
                .seed(5)
                .build();
        return e.train(TrainingRequest.of(m, g, cfg, text()).withInitialParameters(init));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stepsAndLossAgree(String name, ModelSpec m, GatingConfig g) {
        DatasetSplits data = text();
        assertEquals(8, data.train().targetsPerRow());
        ParameterSet init = cpu.initialize(m, g, 3);
        TrainingResult a = run(cpu, m, g, init);
        TrainingResult b = run(djl, m, g, init);
        assertNotEquals(init, a.parameters(), "training changed the parameters");
        for (String p : a.parameters().names()) {
            float[] x = a.parameters().get(p).data();
            double[] d = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                d[i] = x[i];
            }
            assertClose(b.parameters().get(p).data(), d, 0, 1e-5, name + " " + p);
        }
        assertEquals(
                a.metrics(Split.VALIDATION).loss(),
                b.metrics(Split.VALIDATION).loss(),
                1e-5,
                name + ": validation loss in nats per character");
    }
}
