package io.dgating.api.model;

import io.dgating.api.Shape;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model: the shape of one example entering it, its layers in topological order, how they are
 * wired, and the loss head on the last layer. A layer takes the previous layer's output unless
 * {@code inputs} names its inputs (a residual add, a shortcut from an earlier layer), so a chain
 * needs no wiring at all. Every layer kind declares its output shape, so a model whose layers
 * cannot take what reaches them fails here, before anything is trained.
 *
 * @param inputShape the shape of one example entering the model ({@code [inputs]} for
 *     tables, {@code [channels, height, width]} for images)
 * @param layers the layers, first to last; the last one must be {@link Dense} and is the output
 * @param inputs for layers that do not take the previous layer's output: the names of their
 *     inputs, each an earlier layer or {@link #INPUT}
 * @param head the loss
 */
public record ModelSpec(Shape inputShape, List<LayerSpec> layers, Map<String, List<String>> inputs, Head head)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The name that wiring uses for the model's input. */
    public static final String INPUT = "input";

    /**
     * Validates the model.
     *
     * @param inputShape the shape of one example entering the model ({@code [inputs]} for
     *     tables, {@code [channels, height, width]} for images)
     * @param layers the layers, first to last; the last one must be {@link Dense} and is the output
     * @param inputs for layers that do not take the previous layer's output: the names of their
     *     inputs, each an earlier layer or {@link #INPUT}
     * @param head the loss
     * @throws IllegalArgumentException if names repeat, there are no layers, the last layer
     *     is not dense, the input size is not positive, the wiring names an unknown or later layer,
     *     a layer gets the wrong number of inputs, a layer's output is never used, or shapes do not fit
     */
    public ModelSpec {
        layers = List.copyOf(layers);
        if (inputShape == null || inputShape.rank() == 0 || inputShape.size() < 1) {
            throw new IllegalArgumentException("model needs an input shape of at least one value, got " + inputShape);
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Dense)) {
            throw new IllegalArgumentException("model must end with a dense layer");
        }
        if (head == null) {
            throw new IllegalArgumentException("model needs a head");
        }
        inputs = normalizedWiring(layers, inputs == null ? Map.of() : inputs);
        Set<String> used = new HashSet<>();
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(INPUT, inputShape);
        String previous = INPUT;
        for (LayerSpec l : layers) {
            if (l.name().equals(INPUT) || shapes.containsKey(l.name())) {
                throw new IllegalArgumentException("layer name '" + l.name() + "' is used twice or reserved");
            }
            List<String> from = inputs.getOrDefault(l.name(), List.of(previous));
            List<Shape> in = new ArrayList<>();
            for (String f : from) {
                if (!shapes.containsKey(f)) {
                    throw new IllegalArgumentException(
                            "layer '" + l.name() + "' takes '" + f + "', which is not the input or an earlier layer");
                }
                in.add(shapes.get(f));
                used.add(f);
            }
            if (from.size() < l.minInputs() || (l.minInputs() == 1 && from.size() != 1)) {
                throw new IllegalArgumentException("layer '" + l.name() + "' needs "
                        + (l.minInputs() == 1 ? "exactly one input" : "at least " + l.minInputs() + " inputs")
                        + ", the model gives it " + from);
            }
            shapes.put(l.name(), l.outputShape(in));
            previous = l.name();
        }
        for (LayerSpec l : layers.subList(0, layers.size() - 1)) {
            if (!used.contains(l.name())) {
                throw new IllegalArgumentException("the output of layer '" + l.name() + "' is never used");
            }
        }
    }

    /**
     * Creates a chain: every layer takes the previous one's output.
     *
     * @param inputShape the shape of one example
     * @param layers the layers, first to last; the last one must be {@link Dense}
     * @param head the loss
     */
    public ModelSpec(Shape inputShape, List<LayerSpec> layers, Head head) {
        this(inputShape, layers, Map.of(), head);
    }

    /**
     * Creates a chain of flat examples.
     *
     * @param inputSize values per example entering the first layer
     * @param layers the layers, first to last; the last one must be {@link Dense}
     * @param head the loss
     */
    public ModelSpec(int inputSize, List<LayerSpec> layers, Head head) {
        this(Shape.of(inputSize), layers, head);
    }

    // keeps only wiring that differs from "the previous layer", in layer order, so equal models are equal records
    private static Map<String, List<String>> normalizedWiring(List<LayerSpec> layers, Map<String, List<String>> given) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        String previous = INPUT;
        for (LayerSpec l : layers) {
            names.add(l.name());
            List<String> from = given.get(l.name());
            if (from != null && !from.equals(List.of(previous))) {
                out.put(l.name(), List.copyOf(from));
            }
            previous = l.name();
        }
        for (String k : given.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("the wiring names layer '" + k + "', which the model does not have");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@return the number of values per example entering the model} */
    public int inputSize() {
        return inputShape.size();
    }

    /**
     * Returns the names of the inputs of layer {@code index} ({@link #INPUT} for the model's input).
     *
     * @param index position of the layer
     * @return its inputs, in order
     */
    public List<String> inputsOf(int index) {
        String name = layers.get(index).name();
        return inputs.getOrDefault(
                name, List.of(index == 0 ? INPUT : layers.get(index - 1).name()));
    }

    /**
     * Returns the positions of the inputs of layer {@code index}, -1 for the model's input.
     *
     * @param index position of the layer
     * @return source positions, in order
     */
    public List<Integer> sourcesOf(int index) {
        List<Integer> out = new ArrayList<>();
        for (String f : inputsOf(index)) {
            out.add(f.equals(INPUT) ? -1 : indexOf(f));
        }
        return out;
    }

    /**
     * Returns the positions of the layers that take the output of layer {@code index} (-1: the model's input).
     *
     * @param index position of the producing layer, or -1
     * @return consumer positions, ascending
     */
    public List<Integer> consumersOf(int index) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (sourcesOf(i).contains(index)) {
                out.add(i);
            }
        }
        return out;
    }

    /** {@return the shape of one example leaving every layer, in layer order} */
    public List<Shape> outputShapes() {
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<Shape> in = new ArrayList<>();
            for (int s : sourcesOf(i)) {
                in.add(s < 0 ? inputShape : out.get(s));
            }
            out.add(layers.get(i).outputShape(in));
        }
        return out;
    }

    /**
     * Returns a multilayer perceptron: one dense layer per hidden width with activation
     * {@code hiddenActivation}, then a dense output layer with identity activation. Layers
     * are named {@code dense1, dense2, ...}.
     *
     * @param inputSize input width
     * @param hidden hidden widths, first to last (may be empty: a linear model)
     * @param outputs output width (classes, or regression targets)
     * @param hiddenActivation activation of the hidden layers
     * @param head the loss
     * @return the model
     */
    public static ModelSpec mlp(
            int inputSize, List<Integer> hidden, int outputs, Activation hiddenActivation, Head head) {
        ModelBuilder b = builder(inputSize);
        for (int h : hidden) {
            b.dense(h, hiddenActivation);
        }
        return b.dense(outputs, Activation.IDENTITY).head(head).build();
    }

    /**
     * Returns a builder for a model with the given input width.
     *
     * @param inputSize values per example
     * @return a new builder
     */
    public static ModelBuilder builder(int inputSize) {
        return builder(Shape.of(inputSize));
    }

    /**
     * Returns a builder for a model of examples of the given shape.
     *
     * @param inputShape the shape of one example, e.g. {@code [1, 28, 28]}
     * @return a new builder
     */
    public static ModelBuilder builder(Shape inputShape) {
        return new ModelBuilder(inputShape);
    }

    /**
     * Returns the layer with the given name.
     *
     * @param name the layer name
     * @return the layer, if present
     */
    public Optional<LayerSpec> layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * Returns the number of values per example entering layer {@code index}.
     *
     * @param index position of the layer
     * @return its input width
     */
    public int inputSizeOf(int index) {
        return inputShapeOf(index).size();
    }

    /**
     * Returns the shape of one example entering every layer (for a join, the shape all its inputs
     * share), computed in one pass.
     *
     * @return one shape per layer, in layer order
     */
    public List<Shape> inputShapes() {
        List<Shape> out = outputShapes();
        List<Shape> in = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            int source = sourcesOf(i).get(0);
            in.add(source < 0 ? inputShape : out.get(source));
        }
        return in;
    }

    /**
     * Returns the shape of one example entering layer {@code index} (for a join, the shape all its
     * inputs share); {@code layers().size()}: leaving the model.
     *
     * @param index position of the layer
     * @return its input shape
     */
    public Shape inputShapeOf(int index) {
        return index == layers.size()
                ? outputShapes().get(index - 1)
                : inputShapes().get(index);
    }

    /**
     * Returns the position of the named layer.
     *
     * @param name the layer name
     * @return its index
     * @throws IllegalArgumentException if no layer has that name
     */
    public int indexOf(String name) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no layer named '" + name + "'; layers are "
                + layers.stream().map(LayerSpec::name).toList());
    }

    /** {@return the number of values per example the model emits} */
    public int outputSize() {
        return inputSizeOf(layers.size());
    }

    /** {@return the shape of one example the model emits: {@code [outputs]}, or {@code [T, classes]} for a sequence} */
    public Shape outputShape() {
        return inputShapeOf(layers.size());
    }

    /** {@return the dense layers, first to last} */
    public List<Dense> denseLayers() {
        return layers.stream()
                .filter(Dense.class::isInstance)
                .map(Dense.class::cast)
                .toList();
    }
}
