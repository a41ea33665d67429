package io.dgating.api.gating;

/**
 * Where the groups of one gated dense layer sit inside its {@code [rows, cols]} weight.
 *
 * @param kind the grouping
 * @param rows output units of the layer
 * @param cols inputs of the layer
 * @param groupOfColumn for input-feature gating, the group of every column
 * @param groups number of groups
 */
public record GroupLayout(GroupKind kind, int rows, int cols, int[] groupOfColumn, int groups) {

    /** Copies the array. */
    public GroupLayout {
        groupOfColumn = groupOfColumn.clone();
    }

    /**
     * Returns the layout that {@code spec} gives a {@code [rows, cols]} weight.
     *
     * @param spec the gate spec
     * @param rows output units
     * @param cols inputs
     * @return the layout
     * @throws IllegalArgumentException if the spec's feature groups do not cover {@code cols}
     */
    public static GroupLayout of(GateSpec spec, int rows, int cols) {
        if (spec.kind() == GroupKind.NEURONS) {
            return new GroupLayout(GroupKind.NEURONS, rows, cols, new int[0], rows);
        }
        int[] map = spec.featureGroups();
        if (map.length == 0) {
            map = new int[cols];
            for (int c = 0; c < cols; c++) {
                map[c] = c;
            }
        } else if (map.length != cols) {
            throw new IllegalArgumentException("layer '" + spec.layer() + "' has " + cols
                    + " inputs but its feature groups cover " + map.length);
        }
        int groups = 0;
        for (int g : map) {
            groups = Math.max(groups, g + 1);
        }
        return new GroupLayout(GroupKind.INPUT_FEATURES, rows, cols, map, groups);
    }

    /** Returns a copy of the column-to-group map (empty for neuron gating). */
    @Override
    public int[] groupOfColumn() {
        return groupOfColumn.clone();
    }

    /**
     * Returns the group of weight element {@code (row, col)}.
     *
     * @param row output unit
     * @param col input
     * @return its group
     */
    public int groupOf(int row, int col) {
        return kind == GroupKind.NEURONS ? row : groupOfColumn[col];
    }

    /**
     * Returns the Euclidean norm of every group of a row-major {@code [rows, cols]} weight.
     *
     * @param weight the weight values
     * @return one norm per group
     */
    public double[] groupNorms(float[] weight) {
        double[] sq = new double[groups];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = weight[r * cols + c];
                sq[groupOf(r, c)] += v * v;
            }
        }
        for (int g = 0; g < groups; g++) {
            sq[g] = Math.sqrt(sq[g]);
        }
        return sq;
    }
}
