package io.dgating.cli.command;

import io.dgating.api.data.CategoricalEncoding;
import io.dgating.api.train.TrainingResult;
import io.dgating.export.ExportOptions;
import io.dgating.export.ExportedModel;
import io.dgating.export.LayerReport;
import io.dgating.export.OnnxExporter;
import io.dgating.export.PruningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the ONNX files go and what their input is; shared by {@code train} and {@code export}. */
final class ExportOutputOptions {

    @Option(names = "--export", paramLabel = "FILE.onnx", description = "Write the compact ONNX model here.")
    Path compact;

    @Option(
            names = "--export-dense",
            paramLabel = "FILE.onnx",
            description = "Also write the dense (collapsed, unpruned) ONNX model, for comparison.")
    Path dense;

    @Option(
            names = "--input",
            defaultValue = "kept",
            description =
                    "Input of the compact model: kept (only the kept features; their indices and names are in "
                            + "the metadata) or all (all original features, selected inside the graph). Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(
            names = "--channel-block",
            paramLabel = "N",
            defaultValue = "" + ExportOptions.DEFAULT_CHANNEL_BLOCK,
            description = "The compact model computes the channels a convolution reads in whole blocks of N when there "
                    + "are more than N (ONNX Runtime's fast x86 convolutions work in blocks of 8; the few removed "
                    + "channels added are computed exactly); 1 computes exactly the kept channels. "
                    + "Default: ${DEFAULT-VALUE}.")
    int channelBlock;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    boolean any() {
        return compact != null || dense != null;
    }

    /**
     * Writes the requested files.
     *
     * @param result the trained model
     * @param categorical the training table's categorical encoding: the files then take those columns as strings
     * @param out where to report
     */
    void write(TrainingResult result, Optional<CategoricalEncoding> categorical, PrintWriter out) {
        OnnxExporter exporter = new OnnxExporter();
        ExportOptions.InputMode mode = switch (input.toLowerCase(Locale.ROOT)) {
            case "kept" -> ExportOptions.InputMode.KEPT_FEATURES;
            case "all" -> ExportOptions.InputMode.ALL_FEATURES;
            default -> throw new IllegalArgumentException("--input must be kept or all, got '" + input + "'");
        };
        try {
            if (compact != null) {
                ExportedModel m = exporter.export(
                        result,
                        new ExportOptions(ExportOptions.Variant.COMPACT, mode, categorical)
                                .withChannelBlock(channelBlock));
                m.writeTo(compact, overwrite);
                print(m, compact, out);
            }
            if (dense != null) {
                ExportedModel m = exporter.export(
                        result,
                        new ExportOptions(
                                ExportOptions.Variant.DENSE, ExportOptions.InputMode.ALL_FEATURES, categorical));
                m.writeTo(dense, overwrite);
                out.printf(
                        "wrote %s: dense model, %d parameters, %,d bytes%n",
                        dense, m.report().exportedParameters(), m.size());
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(e.getFile() + " exists; pass --overwrite to replace it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX model: " + e.getMessage(), e);
        }
        out.flush();
    }

    static void print(ExportedModel m, Path file, PrintWriter out) {
        PruningReport r = m.report();
        out.printf(
                "wrote %s: compact model, %d of %d parameters (%.1f%%), %,d bytes%n",
                file, r.exportedParameters(), r.denseParameters(), 100 * r.parameterShare(), m.size());
        out.printf(
                "%-10s %8s %8s %8s %8s %8s %12s %12s%n",
                "layer", "units", "kept", "inputs", "kept", "removed", "MACs before", "MACs after");
        for (LayerReport l : r.layers()) {
            out.printf(
                    "%-10s %8d %8d %8d %8d %8s %,12d %,12d%s%n",
                    l.layer(),
                    l.unitsBefore(),
                    l.unitsAfter(),
                    l.inputsBefore(),
                    l.inputsAfter(),
                    l.kind() == null ? "-" : l.groups() == 0 ? "coupled" : l.removedGroups() + " grp",
                    l.macsBefore(),
                    l.macsAfter(),
                    l.coupledWith().isEmpty() ? "" : "  coupled with " + String.join(", ", l.coupledWith()));
        }
        r.notes().forEach(n -> out.println("note: " + n));
    }
}
