package io.dgating.cli.command;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.cli.inject.Streams;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.cli.mixin.VerboseOption;
import io.dgating.store.TrainingResultFile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dgating train}: trains a D-Gated MLP and reports kept groups and accuracy. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Train a D-Gated MLP, print kept/removed groups per layer and accuracy per split; optionally save "
                        + "the result and export compact ONNX.")
public final class TrainCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    private final PrintWriter out;
    private final PrintWriter err;

    @ArgGroup(validate = false, heading = "Data%n")
    DataOptions data = new DataOptions();

    @ArgGroup(validate = false, heading = "Model and gating%n")
    ModelOptions model = new ModelOptions();

    @Option(
            names = {"-D", "--depth"},
            defaultValue = "3",
            description = "D: factors per group, >= 2. Default: ${DEFAULT-VALUE}.")
    int depth;

    @Option(
            names = "--lambda",
            defaultValue = "0.05",
            description =
                    "Penalty strength lambda >= 0 of lambda * sum_j ||w_j||^(2/D) (losses are plain means, so at "
                            + "D = 2 this is the group lasso (1/2n)||y - Xb||^2 + lambda' sum ||b_j|| at lambda' = lambda / 2). Default: ${DEFAULT-VALUE}.")
    double lambda;

    @ArgGroup(validate = false, heading = "Training%n")
    TrainingOptions training = new TrainingOptions();

    @ArgGroup(validate = false, heading = "Output%n")
    ExportOutputOptions export = new ExportOutputOptions();

    @Option(
            names = "--save",
            paramLabel = "FILE.dgr",
            description =
                    "Save the training result (gated parameters, settings, history) for 'dgating export' or later use.")
    Path save;

    @Mixin
    EngineOptions engine;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    private final boolean errIsTerminal;

    /**
     * Creates the command.
     *
     * @param engines available engines
     * @param out where the result goes
     * @param err where progress goes
     * @param errIsTerminal whether {@code err} is a terminal (progress bar) or a file or pipe (lines)
     */
    @Inject
    public TrainCommand(
            EngineRegistry engines,
            @Named("out") PrintWriter out,
            @Named("err") PrintWriter err,
            @Named(Streams.ERR_IS_TERMINAL) boolean errIsTerminal) {
        this.engines = engines;
        this.out = out;
        this.err = err;
        this.errIsTerminal = errIsTerminal;
    }

    @Override
    public Integer call() {
        // refuse before training, not after it, when an output would be clobbered
        for (Path p : new Path[] {save, export.compact, export.dense}) {
            if (p != null && Files.exists(p) && !export.overwrite) {
                throw new IllegalArgumentException(p + " exists; pass --overwrite to replace it");
            }
        }
        TrainingConfig config = training.config();
        DataSource source = data.source();
        DatasetSplits splits = source.load(config.seed(), model.choice().context());
        ModelSpec spec = model.model(splits);
        GatingConfig gating = model.gating(spec, splits.train(), depth, lambda);
        out.println(source.summary(splits));
        TrainingResult result;
        long start = System.nanoTime();
        try (Engine e = engines.create(engine.engine(), engine.config());
                ProgressListener progress =
                        new ProgressListener(err, ProgressListener.Style.of(noProgress, errIsTerminal))) {
            out.printf(
                    "engine %s, D = %d, lambda = %g, gating %s%n",
                    e.name(), gating.depth(), gating.lambda(), model.gate);
            out.flush();
            result = e.train(TrainingRequest.of(spec, gating, config, splits).withListener(progress));
        }
        out.printf("trained %d epochs in %.1f s%n", config.epochs(), (System.nanoTime() - start) / 1e9);
        ResultTable.print(result, out);
        if (save != null) {
            try {
                TrainingResultFile.write(result, save, export.overwrite);
            } catch (FileAlreadyExistsException e) {
                throw new IllegalArgumentException(save + " exists; pass --overwrite to replace it");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the result: " + e.getMessage(), e);
            }
            out.println("saved " + save);
        }
        if (export.any()) {
            export.write(result, splits.train().encoding(), out);
        }
        return ExitCodes.OK;
    }
}
