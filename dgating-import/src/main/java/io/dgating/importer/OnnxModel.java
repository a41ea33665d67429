package io.dgating.importer;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GateFactorization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.importer.onnx.GraphTranslator;
import io.dgating.importer.onnx.OnnxGraphReader;
import io.dgating.importer.onnx.ParsedGraph;
import io.dgating.importer.onnx.Translation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A model trained elsewhere, read from an ONNX file into dgating's model description with its
 * weights, ready to be D-Gated and fine-tuned:
 * {@code compressor.compress(OnnxModel.read(path), data, ...)}.
 *
 * <p>What is kept of the original: its function (the imported model computes the same logits; a
 * {@code Softmax} or {@code LogSoftmax} at the output is {@link #output()}), its input contract
 * ({@link #input()}: name and shape, which the compact export reuses) and the normalisation it
 * applies to its input before the first layer ({@link #inputNormalization()}), which becomes the
 * data's standardisation so that the model keeps taking raw values.
 */
public final class OnnxModel {

    /**
     * The original's input.
     *
     * @param name the graph input's name
     * @param dims its shape, -1 for the symbolic batch dimension
     * @param elementType its element type ({@code float})
     */
    public record InputContract(String name, long[] dims, String elementType) {

        /**
         * Copies the array.
         *
         * @param name the graph input's name
         * @param dims its shape, -1 for the symbolic batch dimension
         * @param elementType its element type ({@code float})
         */
        public InputContract {
            dims = dims.clone();
        }

        /** {@return a copy of the shape} */
        @Override
        public long[] dims() {
            return dims.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InputContract c
                    && c.name.equals(name)
                    && Arrays.equals(c.dims, dims)
                    && c.elementType.equals(elementType);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(dims);
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(dims) + " " + elementType;
        }
    }

    private final String source;
    private final byte[] bytes;
    private final ModelSpec model;
    private final ParameterSet weights;
    private final Standardization inputNormalization;
    private final InputContract input;
    private final OutputTransform output;
    private final String producer;
    private final long opset;

    private OnnxModel(String source, byte[] bytes, ParsedGraph graph, Translation t) {
        this.source = source;
        this.bytes = bytes.clone();
        this.model = t.model();
        this.weights = t.weights();
        this.inputNormalization = new Standardization(t.inputMean(), t.inputScale());
        this.input = new InputContract(graph.inputName(), graph.inputDims(), "float");
        this.output = t.output();
        this.producer = graph.producer();
        this.opset = graph.opset();
    }

    /**
     * Reads and translates an ONNX file.
     *
     * @param file the file
     * @return the model
     * @throws IllegalArgumentException if the file is missing or not an ONNX model
     * @throws UnsupportedModelException naming every node that cannot be imported
     */
    public static OnnxModel read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a directory, not an ONNX file");
            }
            return of(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Translates ONNX bytes.
     *
     * @param bytes the model
     * @param source its name, for errors and reports
     * @return the model
     * @throws IllegalArgumentException if the bytes are not an ONNX model
     * @throws UnsupportedModelException naming every node that cannot be imported
     */
    public static OnnxModel of(byte[] bytes, String source) {
        ParsedGraph graph = OnnxGraphReader.read(bytes, source);
        return new OnnxModel(source, bytes, graph, GraphTranslator.translate(graph, source));
    }

    /** {@return where the model came from} */
    public String source() {
        return source;
    }

    /** {@return the original file's bytes} */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@return the architecture, with the softmax cross-entropy head} */
    public ModelSpec model() {
        return model;
    }

    /**
     * Returns the architecture with another loss head (squared error for a regression model).
     *
     * @param head the head
     * @return the model
     */
    public ModelSpec model(Head head) {
        return new ModelSpec(model.inputShape(), model.layers(), model.inputs(), head);
    }

    /** {@return the original's weights as plain (ungated) parameters of {@link #model()}} */
    public ParameterSet weights() {
        return weights;
    }

    /**
     * Returns gated parameters that compute exactly the original function at step 0.
     *
     * @param gating the gating to train with
     * @param start how the weights are shared among each group's factors
     * @return gated parameters
     */
    public ParameterSet gatedStart(GatingConfig gating, GateFactorization.Start start) {
        gating.validateAgainst(model);
        return GateFactorization.factorize(model, gating, weights, start);
    }

    /** {@return the normalisation the graph applies to its input (identity when it applies none)} */
    public Standardization inputNormalization() {
        return inputNormalization;
    }

    /** {@return the original's input name and shape} */
    public InputContract input() {
        return input;
    }

    /** {@return what the original applies to its logits at the output} */
    public OutputTransform output() {
        return output;
    }

    /** {@return who wrote the file and its opset, e.g. {@code pytorch 1.13.1, opset 17}} */
    public String origin() {
        return (producer.isEmpty() ? "unknown producer" : producer) + ", opset " + opset;
    }
}
