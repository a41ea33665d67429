package io.dgating.cli.command;

import io.dgating.bench.GraphStats;
import io.dgating.cli.mixin.VerboseOption;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code dgating inspect}: what an ONNX file contains. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Print an ONNX model's inputs, outputs, layer shapes, parameter count, multiply-adds and dgating metadata.")
public final class InspectCommand implements Callable<Integer> {

    private final PrintWriter out;

    @Parameters(index = "0", paramLabel = "MODEL.onnx")
    Path model;

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param out output
     */
    @Inject
    public InspectCommand(@Named("out") PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        byte[] bytes = OnnxFiles.read(model);
        GraphStats.Description d;
        try {
            d = GraphStats.describe(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": " + e.getMessage(), e);
        }
        out.printf("%s: %,d bytes, producer %s, opset %d%n", model, d.stats().bytes(), d.producer(), d.opset());
        d.inputs().forEach((k, v) -> out.printf("input   %-16s %s%n", k, v));
        d.outputs().forEach((k, v) -> out.printf("output  %-16s %s%n", k, v));
        d.initializers().forEach((k, v) -> out.printf("tensor  %-24s %s%n", k, v));
        out.printf("operators: %s%n", d.operators());
        out.printf(
                "parameters: %,d; multiply-adds per row: %,d%n",
                d.stats().parameters(), d.stats().macsPerRow());
        if (!d.stats().uncounted().isEmpty()) {
            out.printf(
                    "multiply-adds not counted for: %s%n",
                    String.join(", ", d.stats().uncounted()));
        }
        if (!d.metadata().isEmpty()) {
            out.println("metadata:");
            d.metadata()
                    .forEach((k, v) ->
                            out.printf("  %s = %s%n", k, v.length() > 300 ? v.substring(0, 300) + "..." : v));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
