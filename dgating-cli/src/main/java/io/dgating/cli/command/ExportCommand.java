package io.dgating.cli.command;

import io.dgating.api.train.TrainingResult;
import io.dgating.cli.mixin.VerboseOption;
import io.dgating.store.TrainingResultFile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dgating export}: a saved training result to compact (and dense) ONNX. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a saved training result (.dgr) as a compact ONNX model: gates collapsed, zero groups "
                + "and everything depending on them removed.")
public final class ExportCommand implements Callable<Integer> {

    private final PrintWriter out;

    @Parameters(index = "0", paramLabel = "RESULT.dgr", description = "A result saved by 'dgating train --save'.")
    Path result;

    @ArgGroup(validate = false, heading = "Output%n")
    ExportOutputOptions export = new ExportOutputOptions();

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param out output
     */
    @Inject
    public ExportCommand(@Named("out") PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (!export.any()) {
            throw new IllegalArgumentException(
                    "nothing to write: give --export FILE.onnx and/or --export-dense FILE.onnx");
        }
        TrainingResult r = TrainingResultFile.read(result);
        // a result file does not record a categorical encoding: its models take the one-hot features as floats
        export.write(r, Optional.empty(), out);
        return ExitCodes.OK;
    }
}
