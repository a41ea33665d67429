package io.dgating.cli.command;

import io.dgating.cli.mixin.VerboseOption;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.Provider;
import io.dgating.runtime.TextGenerator;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Samples text from a dense or compact exported language model through ONNX Runtime. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Continue a prompt with a character-level language model exported by dgating (dense or compact), "
                + "through ONNX Runtime: shows what the compact model still knows.")
public final class GenerateCommand implements Callable<Integer> {

    private final PrintWriter out;
    private final PrintWriter err;

    @Parameters(index = "0", paramLabel = "MODEL.onnx")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    String prompt;

    @Option(
            names = "--chars",
            defaultValue = "200",
            paramLabel = "N",
            description = "Characters to generate. Default: ${DEFAULT-VALUE}.")
    int chars;

    @Option(
            names = "--temperature",
            defaultValue = "1.0",
            paramLabel = "T",
            description =
                    "Divides the logits before sampling; 0 takes the most likely character. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--seed", defaultValue = "42", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param out the generated text
     * @param err messages
     */
    @Inject
    public GenerateCommand(@Named("out") PrintWriter out, @Named("err") PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        byte[] bytes = OnnxFiles.read(model);
        try (OrtModel m = OrtModel.load(bytes, Provider.CPU, 1, w -> {
            err.println(w);
            err.flush();
        })) {
            String text = new TextGenerator(m).generate(prompt, chars, temperature, seed);
            out.println(prompt + text);
            out.flush();
        }
        return ExitCodes.OK;
    }
}
