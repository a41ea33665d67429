package io.dgating.cli.command;

import io.dgating.bench.AccuracyComparison;
import io.dgating.bench.BenchmarkResult;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.bench.SingleRowBenchmark;
import io.dgating.bench.report.BenchReport;
import io.dgating.cli.mixin.VerboseOption;
import io.dgating.runtime.Columns;
import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.ExportMetadata;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.PreparedCall;
import io.dgating.runtime.Provider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dgating bench}: latency, throughput and accuracy of a dense and a compact ONNX model in ONNX Runtime. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Benchmark a dense and a compact ONNX model in ONNX Runtime: latency (median, p90, p99), "
                + "throughput, measured vs theoretical speed-up; with --dataset also accuracy on its test split.")
public final class BenchCommand implements Callable<Integer> {

    private final PrintWriter out;
    private final PrintWriter err;

    @Parameters(index = "0", paramLabel = "DENSE.onnx")
    Path dense;

    @Parameters(index = "1", paramLabel = "COMPACT.onnx")
    Path compact;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "1,32,256",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(
            names = "--provider",
            defaultValue = "cpu",
            description =
                    "cpu or cuda (falls back to cpu with a message when CUDA is unavailable). Default: ${DEFAULT-VALUE}.")
    String provider;

    @Option(
            names = "--calls",
            defaultValue = "300",
            description = "Timed calls per model and batch size. Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--warmup", defaultValue = "50", description = "Untimed calls first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--threads-batch1",
            defaultValue = "1",
            description = "Intra-op threads at batch 1 (latency; 1 suits a service). Default: ${DEFAULT-VALUE}.")
    int threadsOne;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Intra-op threads at larger batches; 0 = all cores. Default: all cores.")
    int threads;

    @Option(
            names = "--callers",
            split = ",",
            defaultValue = "1,8",
            description = "Caller threads for the compact model's single-row measurement (raw ONNX Runtime calls "
                    + "and CompactPredictor, 1 intra-op thread); 0 skips it. Default: ${DEFAULT-VALUE}.")
    List<Integer> callers;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write bench.md and bench.json here.")
    Path outDir;

    @ArgGroup(validate = false, heading = "Accuracy on a test split (optional; same split options as train)%n")
    DataOptions data = new DataOptions();

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Split seed, as given to train. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    VerboseOption verbose;

    /**
     * Creates the command.
     *
     * @param out the report
     * @param err progress and warnings
     */
    @Inject
    public BenchCommand(@Named("out") PrintWriter out, @Named("err") PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (outDir != null) {
            OutDir.prepare(outDir); // before the timing, not after
        }
        byte[] d = OnnxFiles.read(dense);
        byte[] c = OnnxFiles.read(compact);
        Provider p = Provider.parse(provider);
        int large = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        LatencyBenchmark bench = new LatencyBenchmark(batches, warmup, calls, threadsOne, large, p);
        int[] kept;
        int fullWidth;
        try (OrtModel dm = load(d, dense);
                OrtModel cm = load(c, compact)) {
            kept = keptFeatures(cm, dm.inputWidth());
            fullWidth = dm.inputWidth();
        }
        out.printf("threads: %d at batch 1, %d above (intra-op)%n", threadsOne, large);
        out.flush();
        BenchmarkResult result =
                bench.run(d, c, kept, w -> err.println("warning: " + w), s -> err.println("bench: " + s + " done"));
        AccuracyComparison accuracy = null;
        if (data.dataset != null) {
            try (OrtModel dm = OrtModel.load(d, Provider.CPU, 0, w -> {});
                    OrtModel cm = OrtModel.load(c, Provider.CPU, 0, w -> {})) {
                accuracy = AccuracyComparison.of(
                        dm,
                        cm,
                        kept,
                        data.source().loadRaw(seed, OptionalInt.empty()).test());
            }
        }
        List<SingleRowBenchmark.Stats> single = callers.equals(List.of(0)) ? List.of() : singleRow(c, kept, fullWidth);
        out.print(BenchReport.text(result, accuracy, single));
        if (outDir != null) {
            try {
                BenchReport.write(outDir, result, accuracy, single);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write the report: " + e.getMessage(), e);
            }
            out.println("wrote " + outDir.resolve("bench.md") + " and bench.json");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The compact model called one row at a time, three ways: ONNX Runtime with new tensors per call
     * (what a first integration writes), ONNX Runtime through a {@link PreparedCall} per thread, and
     * {@link CompactPredictor} (which picks the kept features out of the raw row itself).
     */
    private List<SingleRowBenchmark.Stats> singleRow(byte[] c, int[] kept, int fullWidth) {
        if (callers.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException(
                    "--callers takes thread counts >= 1, or 0 alone to skip, got " + callers);
        }
        SingleRowBenchmark bench = new SingleRowBenchmark(warmup, calls, callers);
        List<SingleRowBenchmark.Stats> all = new ArrayList<>();
        boolean every = kept.length == fullWidth;
        try (OrtModel m = OrtModel.load(c, Provider.CPU, 1, w -> {})) {
            all.addAll(bench.run(
                    "onnxruntime, new tensors per call",
                    fullWidth,
                    () -> row -> m.run(every ? row : Columns.select(row, 1, fullWidth, kept), 1)));
            all.addAll(bench.run("onnxruntime, prepared call", fullWidth, () -> prepared(m, kept)));
        }
        err.println("bench: single rows through ONNX Runtime done");
        try (CompactPredictor p = CompactPredictor.load(c, Provider.CPU, 1)) {
            all.addAll(bench.run("CompactPredictor", fullWidth, () -> row -> p.predict(row, 1)));
            err.println("bench: single rows through CompactPredictor done");
        } catch (IllegalArgumentException e) {
            err.println("bench: CompactPredictor not measured: " + e.getMessage());
        }
        return all;
    }

    private static SingleRowBenchmark.RowCaller prepared(OrtModel m, int[] kept) {
        PreparedCall call = m.prepare(1);
        float[] result = new float[call.output().capacity()];
        return new SingleRowBenchmark.RowCaller() {
            @Override
            public void call(float[] row) {
                Columns.selectInto(row, kept, call.input());
                call.run();
                call.output().get(0, result);
            }

            @Override
            public void close() {
                call.close();
            }
        };
    }

    /** Kept feature indices from the compact model's metadata, or all columns when it takes all. */
    private static int[] keptFeatures(OrtModel compact, int all) {
        if (compact.inputWidth() == all) {
            return IntStream.range(0, all).toArray();
        }
        try {
            return ExportMetadata.parse(compact.metadata()).keptFeatureIndices();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the compact model takes " + compact.inputWidth() + " of " + all
                            + " features, but its metadata does not say which (" + e.getMessage()
                            + "); export it with dgating",
                    e);
        }
    }

    private static OrtModel load(byte[] bytes, Path file) {
        try {
            return OrtModel.load(bytes, Provider.CPU, 1, w -> {});
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
