package io.dgating.export.plan;

import io.dgating.api.data.CategoricalEncoding;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.Op;
import io.dgating.export.onnx.ValueRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The front of a graph for a table with categorical columns: the numeric columns come in one
 * float input, each categorical column in a string input of its own name ({@code [N, 1]}), which
 * an ONNX-ML {@code OneHotEncoder} turns into the column's indicators (a category the training rows
 * did not show becomes all zeros, as in training); the pieces are joined and put back into the
 * feature order the layers were trained on.
 */
public final class CategoricalInputs {

    private CategoricalInputs() {}

    /**
     * Declares the inputs and writes the encoding nodes.
     *
     * @param g the graph
     * @param e the table's encoding
     * @param features the encoded features the model reads, ascending (a categorical column whole or not at all)
     * @param numericInput name of the float input
     * @return the encoded features {@code [N, features.length]}, in the order of {@code features}
     * @throws IllegalArgumentException if a column is read in part, or a column is named like the float input
     */
    public static ValueRef write(OnnxGraph g, CategoricalEncoding e, int[] features, String numericInput) {
        List<Integer> numeric = new ArrayList<>();
        List<CategoricalEncoding.Column> columns = new ArrayList<>();
        for (int f : features) {
            CategoricalEncoding.Column c = e.columnOf(f);
            if (c == null) {
                numeric.add(f);
            } else if (!columns.contains(c)) {
                columns.add(c);
            }
        }
        List<ValueRef> parts = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        if (!numeric.isEmpty()) {
            parts.add(g.input(numericInput, OnnxGraph.BATCH, numeric.size()));
            order.addAll(numeric);
        }
        for (CategoricalEncoding.Column c : columns) {
            int read = 0;
            for (int f : features) {
                read += f >= c.first() && f < c.end() ? 1 : 0;
            }
            if (read != c.categories().size()) {
                throw new IllegalArgumentException("column '" + c.name() + "' is read in part (" + read + " of "
                        + c.categories().size() + " indicators); a categorical column is kept or removed whole");
            }
            if (c.name().equals(numericInput)) {
                throw new IllegalArgumentException("categorical column '" + c.name() + "' has the name of the numeric "
                        + "input; rename the column");
            }
            int k = c.categories().size();
            ValueRef oneHot = g.stringInput(c.name(), OnnxGraph.BATCH, 1)
                    .apply(
                            Op.ONE_HOT_ENCODER,
                            Map.of("cats_strings", c.categories().toArray(new String[0]), "zeros", 1L))
                    .shaped(OnnxGraph.BATCH, 1, k);
            parts.add(oneHot.apply(Op.FLATTEN, Map.of("axis", 1L)).shaped(OnnxGraph.BATCH, k));
            for (int f = c.first(); f < c.end(); f++) {
                order.add(f);
            }
        }
        ValueRef joined = parts.size() == 1
                ? parts.get(0)
                : parts.get(0)
                        .apply(
                                Op.CONCAT,
                                Map.of("axis", 1L),
                                parts.subList(1, parts.size()).toArray(new ValueRef[0]))
                        .shaped(OnnxGraph.BATCH, features.length);
        long[] perm = new long[features.length];
        boolean identity = true;
        for (int i = 0; i < features.length; i++) {
            perm[i] = order.indexOf(features[i]);
            identity &= perm[i] == i;
        }
        return identity
                ? joined
                : joined.apply(Op.GATHER, Map.of("axis", 1L), g.initializerInt64("feature_order", perm, perm.length))
                        .shaped(OnnxGraph.BATCH, features.length);
    }

    /**
     * Returns the numeric features among those a model reads, in the order of its float input.
     *
     * @param e the encoding
     * @param features the encoded features the model reads
     * @return the numeric ones
     */
    public static int[] numericFeatures(CategoricalEncoding e, int[] features) {
        return Arrays.stream(features).filter(f -> e.columnOf(f) == null).toArray();
    }

    /**
     * Returns the categorical columns a model reads, in the order of its string inputs.
     *
     * @param e the encoding
     * @param features the encoded features the model reads
     * @return the columns
     */
    public static List<CategoricalEncoding.Column> columns(CategoricalEncoding e, int[] features) {
        List<CategoricalEncoding.Column> out = new ArrayList<>();
        for (int f : features) {
            CategoricalEncoding.Column c = e.columnOf(f);
            if (c != null && !out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
