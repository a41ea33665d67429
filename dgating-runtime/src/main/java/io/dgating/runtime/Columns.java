package io.dgating.runtime;

import java.nio.FloatBuffer;

/** Picks columns out of row-major rows: how full feature vectors become a compact model's input. */
public final class Columns {

    private Columns() {}

    /**
     * Returns columns {@code keep} of {@code rows} rows of width {@code cols}, in the order given.
     *
     * @param x row-major values
     * @param rows number of rows
     * @param cols values per row
     * @param keep column indices
     * @return row-major {@code [rows, keep.length]}
     */
    public static float[] select(float[] x, int rows, int cols, int[] keep) {
        float[] out = new float[rows * keep.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < keep.length; k++) {
                out[i * keep.length + k] = x[i * cols + keep[k]];
            }
        }
        return out;
    }

    /**
     * Writes columns {@code keep} of one row into {@code into} from its start, in the order given
     * (a prepared call's input buffer: no array in between).
     *
     * @param row one row's values
     * @param keep column indices, or null for every column
     * @param into the buffer (cleared first)
     */
    public static void selectInto(float[] row, int[] keep, FloatBuffer into) {
        into.clear();
        if (keep == null) {
            into.put(row);
            return;
        }
        for (int k : keep) {
            into.put(row[k]);
        }
    }
}
