package io.dgating.export.plan;

import io.dgating.api.model.ChannelFlow;
import io.dgating.export.LayerReport;
import io.dgating.export.onnx.ValueRef;
import java.util.List;
import java.util.Optional;

/**
 * What the exporter does with one layer: the kind's whole export in one object, made fresh for
 * every layer of every export by the registry of kinds ({@code io.dgating.export.kinds.ExportKinds})
 * so it may keep what it decides between the steps. The {@link Planner} calls the steps in order and
 * never looks at a layer's kind: {@link #forward} in layer order, {@link #needs} backward to a fixed
 * point, then {@link #write}.
 *
 * <p>A channel is index 0 of an example's shape (see {@link ChannelFlow}). The planner keeps, per
 * set of coupled layers, the channels some reader needs; a layer whose kind computes per channel
 * computes the channels its input holds, a {@link ChannelFlow#MIXING} layer the ones kept of it.
 */
public interface LayerRule {

    /**
     * Returns which output channels are a known constant for every input, given the same for its
     * inputs (in the dense export every channel stays alive: nothing was removed).
     *
     * @param ctx the layer's position, shapes and parameters
     * @param in the signals entering it, in wiring order
     * @return the signal leaving it
     */
    Signal forward(LayerContext ctx, List<Signal> in);

    /**
     * Returns, per input, which of its channels this layer reads to compute output channels
     * {@code out}. Asked only of {@link ChannelFlow#MIXING} kinds: the others' needs follow from
     * their flow.
     *
     * @param ctx the layer's context
     * @param out which output channels are needed
     * @param in the signals entering it
     * @return per input, the channels read
     */
    boolean[][] needs(LayerContext ctx, boolean[] out, List<Signal> in);

    /**
     * Returns whether the compact model computes only the output channels kept of this layer
     * (a dense layer's units, a convolution's filters); otherwise it computes all of them. Asked
     * only of {@link ChannelFlow#MIXING} kinds: the others compute per channel what reaches them.
     *
     * @param ctx the layer's context
     * @return true when the layer's output can lose channels
     */
    boolean computesKeptChannels(LayerContext ctx);

    /**
     * Returns whether ONNX Runtime computes this layer on blocks of input channels (its NCHWc
     * convolutions), so the channel sets it reads are better grown to whole blocks ({@link ChannelBlocks}).
     *
     * @return true for a blocked reader
     */
    boolean readsInChannelBlocks();

    /**
     * Returns whether the layer can fold the model input's standardisation into its weights, so
     * the graph takes raw features (a dense layer on flat rows).
     *
     * @param ctx the layer's context
     * @return true when it folds an affine map of its input
     */
    boolean foldsInputAffine(LayerContext ctx);

    /**
     * Returns whether the layer's nodes return its input unchanged (dropout; a flatten of flat rows),
     * so the standardisation reaches the next layer as it left the input.
     *
     * @param ctx the layer's context
     * @return true when the layer writes no node
     */
    boolean passesThrough(LayerContext ctx);

    /**
     * Returns the layer's multiply-adds per example, counted as {@code GraphStats} counts the ONNX
     * graph: products with a weight ({@code Gemm}, {@code MatMul}, {@code Conv}) and products of two
     * activations (attention's scores and mixing); element-wise and normalising operators count 0.
     *
     * @param ctx the layer's context
     * @param exported the layer as exported (after planning: the channels it keeps), or the whole layer
     * @return the count
     */
    long multiplyAdds(LayerContext ctx, boolean exported);

    /**
     * Returns the layer's trainable parameters (weights, biases, scales and shifts; not running
     * statistics).
     *
     * @param ctx the layer's context
     * @param exported the layer as exported (after planning: the channels it keeps), or the whole layer
     * @return the count
     */
    long parameters(LayerContext ctx, boolean exported);

    /**
     * Returns the layer's line of the pruning report: for layers with weights that multiply
     * (dense layers, convolutions, attention), after planning.
     *
     * @param ctx the layer's context
     * @return the line, or empty for layers without one
     */
    Optional<LayerReport> report(LayerContext ctx);

    /**
     * Writes the compact (or dense) layer's nodes.
     *
     * @param ctx the layer's context, with the graph
     * @param in its input values in wiring order (null for an input that is not written: this
     *     layer then needs none of its channels)
     * @return its output value
     */
    ValueRef write(LayerContext ctx, List<ValueRef> in);
}
