package io.dgating.cli.command;

import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Optimizer, schedule, epochs, batch and seed. */
final class TrainingOptions {

    @Option(names = "--epochs", defaultValue = "100", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Rows per step. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.05", description = "Base learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd or adam. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum for SGD.")
    boolean nesterov;

    @Option(
            names = "--schedule",
            defaultValue = "cosine",
            description = "cosine or constant. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(
            names = "--weight-decay",
            defaultValue = "0",
            description = "L2 decay of ungated parameters. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of split, initialisation, shuffling, dropout. Default: ${DEFAULT-VALUE}.")
    long seed;

    TrainingConfig config() {
        Optimizer o = switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "sgd" -> new Optimizer.Sgd(momentum, nesterov);
            case "adam" -> Optimizer.Adam.defaults();
            default -> throw new IllegalArgumentException("--optimizer must be sgd or adam, got '" + optimizer + "'");
        };
        LrSchedule s = switch (schedule.toLowerCase(Locale.ROOT)) {
            case "cosine" -> LrSchedule.COSINE;
            case "constant" -> LrSchedule.CONSTANT;
            default ->
                throw new IllegalArgumentException("--schedule must be cosine or constant, got '" + schedule + "'");
        };
        return TrainingConfig.builder()
                .optimizer(o)
                .learningRate(lr)
                .schedule(s)
                .epochs(epochs)
                .batchSize(batchSize)
                .weightDecay(weightDecay)
                .seed(seed)
                .build();
    }
}
