package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.cli.command.ExitCodes;
import io.dgating.store.TrainingCheckpointFile;
import io.dgating.store.TrainingResultFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code compress --resume}: an interrupted run, resumed, ends where the uninterrupted run ends. */
class ResumeCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "engine {0}")
    @ValueSource(strings = {"cpu", "djl"})
    void resumedCompressEndsBitIdenticalToTheUninterruptedRun(String engine) throws Exception {
        Path full = dir.resolve("full");
        CliRun a = CliRun.of(
                "compress",
                "--data",
                "wine",
                "--hidden",
                "16",
                "--lambda",
                "0.1",
                "--epochs",
                "12",
                "--checkpoint-every",
                "4",
                "--batch",
                "",
                "--no-progress",
                "--engine",
                engine,
                "--threads",
                "1",
                "--out",
                full.toString());
        assertEquals(0, a.code(), a.err());

        // the state an interrupted run leaves after epoch 4, written the way the CLI writes it
        TrainingConfig training =
                new TrainingConfig(new Optimizer.Sgd(0.9, false), 0.05, LrSchedule.COSINE, 12, 32, 0, 42);
        ModelSpec model = ModelSpec.mlp(13, List.of(16), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 42).standardized();
        List<TrainingCheckpoint> cps = new ArrayList<>();
        try (Engine e = EngineRegistry.fromServiceLoader().create(engine, new EngineConfig(1, "cpu"))) {
            e.train(TrainingRequest.of(model, gating, training, data)
                    .withCheckpointsEvery(4)
                    .withListener(new TrainingListener() {
                        @Override
                        public void onCheckpoint(TrainingCheckpoint c) {
                            cps.add(c);
                        }
                    }));
        }
        Path interrupted = Files.createDirectory(dir.resolve("interrupted"));
        Files.copy(full.resolve("config.json"), interrupted.resolve("config.json"));
        Files.writeString(
                interrupted.resolve("config.json"),
                Files.readString(interrupted.resolve("config.json")).replace(full.toString(), interrupted.toString()));
        TrainingCheckpointFile.write(
                interrupted.resolve("checkpoint.dgc"),
                new TrainingCheckpointFile.Saved(cps.get(0), model, gating, training));

        CliRun b = CliRun.of("compress", "--resume", interrupted.toString(), "--no-progress");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.err().contains("resuming after epoch 4"), b.err());
        assertEquals(
                TrainingResultFile.read(full.resolve("result.dgr")).parameters(),
                TrainingResultFile.read(interrupted.resolve("result.dgr")).parameters());
        assertEquals(
                TrainingResultFile.read(full.resolve("result.dgr")).history(),
                TrainingResultFile.read(interrupted.resolve("result.dgr")).history());

        CliRun other = CliRun.of("compress", "--resume", interrupted.toString(), "--lambda", "0.3", "--no-progress");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("belongs to a run with other settings"), other.err());
    }

    @Test
    void divergenceExitsThreeWithAClearMessage() {
        CliRun r = CliRun.of(
                "compress",
                "--data",
                "wine",
                "--lr",
                "1e7",
                "--epochs",
                "5",
                "--batch",
                "",
                "--no-progress",
                "--out",
                dir.resolve("d").toString());
        assertEquals(ExitCodes.DIVERGED, r.code());
        assertTrue(r.err().contains("training diverged in epoch 1"), r.err());
        assertTrue(r.err().contains("lower the learning rate"), r.err());
        assertTrue(Files.notExists(dir.resolve("d").resolve("model.onnx")), "no model from a diverged run");
    }
}
