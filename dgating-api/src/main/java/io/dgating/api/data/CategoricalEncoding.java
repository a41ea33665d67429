package io.dgating.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How categorical columns of a table became features: each column is a block of 0/1 indicator
 * features, one per category, in the column's place among the others. A value without an
 * indicator (missing, or a category the training rows never showed) is all zeros.
 *
 * @param columns the categorical columns, in feature order
 * @param width features in all, numeric ones included
 */
public record CategoricalEncoding(List<Column> columns, int width) {

    /**
     * One categorical column.
     *
     * @param name the column's name in the file
     * @param first index of its first indicator feature
     * @param categories its categories, one indicator each, in feature order
     */
    public record Column(String name, int first, List<String> categories) {
        /**
         * Copies and checks.
         *
         * @param name the column's name in the file
         * @param first index of its first indicator feature
         * @param categories its categories, one indicator each, in feature order
         */
        public Column {
            Objects.requireNonNull(name, "name");
            categories = List.copyOf(categories);
        }

        /** {@return the index after its last indicator} */
        public int end() {
            return first + categories.size();
        }
    }

    /**
     * Copies and checks that the blocks fit and do not overlap.
     *
     * @param columns the categorical columns, in feature order
     * @param width features in all, numeric ones included
     */
    public CategoricalEncoding {
        columns = List.copyOf(columns);
        int at = 0;
        for (Column c : columns) {
            if (c.first() < at || c.end() > width) {
                throw new IllegalArgumentException("categorical column '" + c.name() + "' at features " + c.first()
                        + ".." + (c.end() - 1) + " overlaps another or lies outside " + width + " features");
            }
            at = c.end();
        }
    }

    /**
     * Returns the input-feature groups: each categorical column's indicators form one group, every
     * other feature is its own group; groups are numbered in feature order.
     *
     * @return one group index per feature
     */
    public int[] featureGroups() {
        int[] g = new int[width];
        int next = 0;
        int k = 0;
        for (Column c : columns) {
            while (k < c.first()) {
                g[k++] = next++;
            }
            Arrays.fill(g, c.first(), c.end(), next++);
            k = c.end();
        }
        while (k < width) {
            g[k++] = next++;
        }
        return g;
    }

    /**
     * Returns the column whose indicator feature {@code f} is, or null for a numeric feature.
     *
     * @param f a feature index
     * @return its categorical column, or null
     */
    public Column columnOf(int f) {
        for (Column c : columns) {
            if (f >= c.first() && f < c.end()) {
                return c;
            }
        }
        return null;
    }

    /**
     * Returns the features to keep so that only categories the training rows show have an
     * indicator: the encoding is fitted on the training rows, and values the training rows never
     * showed become all zeros in every split.
     *
     * @param train the training rows, encoded with this encoding
     * @return the kept feature indices, ascending
     */
    public int[] seenIn(Dataset train) {
        boolean[] seen = new boolean[width];
        for (int f = 0; f < width; f++) {
            seen[f] = columnOf(f) == null;
        }
        for (int r = 0; r < train.rows(); r++) {
            for (Column c : columns) {
                for (int f = c.first(); f < c.end(); f++) {
                    seen[f] |= train.feature(r, f) != 0;
                }
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int f = 0; f < width; f++) {
            if (seen[f]) {
                keep.add(f);
            }
        }
        return keep.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns this encoding restricted to some features (the others dropped, the rest renumbered);
     * a column left without categories disappears.
     *
     * @param kept feature indices, ascending
     * @return the restricted encoding
     */
    public CategoricalEncoding select(int[] kept) {
        List<Column> out = new ArrayList<>();
        for (Column c : columns) {
            List<String> cats = new ArrayList<>();
            int first = -1;
            for (int i = 0; i < kept.length; i++) {
                if (kept[i] >= c.first() && kept[i] < c.end()) {
                    if (first < 0) {
                        first = i;
                    }
                    cats.add(c.categories().get(kept[i] - c.first()));
                }
            }
            if (!cats.isEmpty()) {
                out.add(new Column(c.name(), first, cats));
            }
        }
        return new CategoricalEncoding(out, kept.length);
    }

    /**
     * Returns the category a row holds in a column, read back from its indicators.
     *
     * @param data encoded rows
     * @param row a row
     * @param c the column
     * @return the category, or the empty string when every indicator is 0
     */
    public static String categoryOf(Dataset data, int row, Column c) {
        for (int f = c.first(); f < c.end(); f++) {
            if (data.feature(row, f) != 0) {
                return c.categories().get(f - c.first());
            }
        }
        return "";
    }
}
