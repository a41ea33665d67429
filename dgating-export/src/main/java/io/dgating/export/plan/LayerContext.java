package io.dgating.export.plan;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.ValueRef;
import java.util.stream.IntStream;

/**
 * What a {@link LayerRule} reads of the model and of the plan made so far, for one layer: its
 * shapes and parameters while planning; the channels kept of it and of its inputs once planned;
 * the graph while writing.
 */
public final class LayerContext {

    private final Plan plan;
    private final int index;

    LayerContext(Plan plan, int index) {
        this.plan = plan;
        this.index = index;
    }

    /** {@return the model} */
    public ModelSpec model() {
        return plan.model();
    }

    /** {@return the layer's position in the model} */
    public int index() {
        return index;
    }

    /** {@return the layer} */
    public LayerSpec layer() {
        return plan.model().layers().get(index);
    }

    /** {@return the shape of one example entering the layer (its first input) in the original model} */
    public Shape inputShape() {
        return plan.inputShapes().get(index);
    }

    /** {@return the shape of one example leaving the layer in the original model} */
    public Shape outputShape() {
        return plan.outputShapes().get(index);
    }

    /**
     * Returns a parameter for inference: gates collapsed and, in the compact export, every removed
     * filter or head group exactly zero.
     *
     * @param ref the parameter
     * @return its tensor
     */
    public Tensor param(ParamRef ref) {
        return plan.params().get(ref);
    }

    /** {@return whether this is the compact export (zero groups removed) rather than the dense one} */
    public boolean compact() {
        return plan.compact();
    }

    /** {@return the gating the model was trained with} */
    public GatingConfig gating() {
        return plan.gating();
    }

    /**
     * Returns the group report of a gated layer.
     *
     * @param layer the layer's name
     * @return its report, or null when it is not gated
     */
    public GroupReport groups(String layer) {
        return plan.groups().get(layer);
    }

    /** {@return the channels the model's layers share ({@link ChannelCoupling})} */
    public ChannelCoupling coupling() {
        return plan.coupling();
    }

    /** {@return whether this layer folds the model input's standardisation into its weights} */
    public boolean foldsStandardization() {
        return plan.foldsStandardization(index);
    }

    /** {@return the standardisation of the model input} */
    public Standardization standardization() {
        return plan.standardization();
    }

    /**
     * Adds a line to the pruning report's notes.
     *
     * @param note what was folded or removed beyond single groups
     */
    public void note(String note) {
        plan.forwardNotes().add(note);
    }

    /**
     * Returns the signal entering the layer on one input.
     *
     * @param input the input's position in the wiring
     * @return its signal (all alive for the model input)
     */
    public Signal inputSignal(int input) {
        return plan.signalOf(source(input));
    }

    /** {@return the layer's own output signal} */
    public Signal signal() {
        return plan.signalOf(index);
    }

    /** {@return the original indices of the output channels the compact layer computes} */
    public int[] kept() {
        return plan.layoutOf(index);
    }

    /**
     * Returns the original indices of the channels an input holds in the compact graph.
     *
     * @param input the input's position in the wiring
     * @return its channels, ascending
     */
    public int[] keptIn(int input) {
        return plan.layoutOf(source(input));
    }

    /** {@return the compact layer's output shape: the original one with its kept channels} */
    public Shape compactOutputShape() {
        return withChannels(outputShape(), kept().length);
    }

    /** {@return the compact layer's input shape: the original one with the channels its first input holds} */
    public Shape compactInputShape() {
        return withChannels(inputShape(), keptIn(0).length);
    }

    /** {@return the graph being written} */
    public OnnxGraph graph() {
        return plan.graph();
    }

    /** {@return the model input's value (its batch size shapes constant maps)} */
    public ValueRef modelInput() {
        return plan.modelInput();
    }

    /**
     * Records that a layer's computation was folded into the one before, so it writes no node.
     *
     * @param layer the folded layer's name
     */
    public void markFolded(String layer) {
        plan.folded().add(layer);
    }

    /** {@return whether this layer was folded into the one before it} */
    public boolean isFolded() {
        return plan.folded().contains(layer().name());
    }

    private int source(int input) {
        return plan.model().sourcesOf(index).get(input);
    }

    /**
     * Returns a shape with its channel dimension (index 0) replaced.
     *
     * @param s a shape
     * @param channels the new channel count
     * @return the shape
     */
    public static Shape withChannels(Shape s, int channels) {
        int[] d = s.dims();
        d[0] = channels;
        return Shape.of(d);
    }

    /**
     * Returns entries {@code rows x cols} of a {@code [R, C, per]} tensor (row-major), e.g. the kept
     * filters and input channels of a conv weight.
     *
     * @param t the tensor
     * @param columns C
     * @param per values per (row, column)
     * @param rows the rows to keep
     * @param cols the columns to keep, or null for all ({@code C = 1} for vectors)
     * @return the slice
     */
    public static float[] slice(float[] t, int columns, int per, int[] rows, int[] cols) {
        int[] cs = cols == null ? IntStream.range(0, columns).toArray() : cols;
        float[] out = new float[rows.length * cs.length * per];
        int k = 0;
        for (int r : rows) {
            for (int c : cs) {
                System.arraycopy(t, (r * columns + c) * per, out, k, per);
                k += per;
            }
        }
        return out;
    }
}
