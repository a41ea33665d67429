package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Categorical CSV columns: one-hot features in the column's place, one group each, fitted on training rows. */
class CategoricalColumnsTest {

    private static final String CSV = "color,size,shape,label\n"
            + "red,1.5,circle,a\n"
            + "green,2,square,b\n"
            + "blue,3,circle,a\n"
            + "?,4,square,b\n"
            + "red,5,none,a\n";

    private static Dataset read(CsvReader r, String csv) {
        return r.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", "t");
    }

    @Test
    void namedColumnsBecomeIndicatorsInPlace() {
        Dataset d = read(CsvReader.of("label", Task.CLASSIFICATION).withCategorical(List.of("color", "shape")), CSV);
        assertEquals(
                List.of("color=blue", "color=green", "color=red", "size", "shape=circle", "shape=none", "shape=square"),
                d.featureNames());
        // row 4 has a missing colour: all its colour indicators are 0; "none" is a category, not a missing value
        float[][] expected = {
            {0, 0, 1, 1.5f, 1, 0, 0},
            {0, 1, 0, 2, 0, 0, 1},
            {1, 0, 0, 3, 1, 0, 0},
            {0, 0, 0, 4, 0, 0, 1},
            {0, 0, 1, 5, 0, 1, 0},
        };
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(
                        expected[r][c],
                        d.feature(r, c),
                        "row " + r + " column " + d.featureNames().get(c));
            }
        }
        CategoricalEncoding e = d.encoding().orElseThrow();
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 2, 2}, e.featureGroups());
        assertEquals("", CategoricalEncoding.categoryOf(d, 3, e.columns().get(0)));
        assertEquals("none", CategoricalEncoding.categoryOf(d, 4, e.columns().get(1)));
        // auto finds the same columns
        Dataset auto = read(CsvReader.of("label", Task.CLASSIFICATION).withAutoCategorical(), CSV);
        assertEquals(d.featureNames(), auto.featureNames());
        assertEquals(e, auto.encoding().orElseThrow());
    }

    @Test
    void badCategoricalSettingsNameTheProblem() {
        InvalidDataException unknown = assertThrows(
                InvalidDataException.class,
                () -> read(CsvReader.of("label", Task.CLASSIFICATION).withCategorical(List.of("colour")), CSV));
        assertTrue(
                unknown.getMessage().contains("t.csv")
                        && unknown.getMessage().contains("colour")
                        && unknown.getMessage().contains("no such column to read as categorical"),
                unknown.getMessage());
        InvalidDataException label = assertThrows(
                InvalidDataException.class,
                () -> read(CsvReader.of("label", Task.CLASSIFICATION).withCategorical(List.of("label")), CSV));
        assertTrue(label.getMessage().contains("is the label column"), label.getMessage());
        // without the option a category is still an error naming file, line and column
        InvalidDataException plain =
                assertThrows(InvalidDataException.class, () -> read(CsvReader.of("label", Task.CLASSIFICATION), CSV));
        assertTrue(
                plain.getMessage().contains("line 2")
                        && plain.getMessage().contains("color")
                        && plain.getMessage().contains("'red' is not a number"),
                plain.getMessage());
    }

    @Test
    void categoriesOnlyOutsideTheTrainingRowsAreDroppedAndIndicatorsStayZeroOne() {
        StringBuilder csv = new StringBuilder("color,size,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 2 == 0 ? "red" : "green")
                    .append(',')
                    .append(i)
                    .append(',')
                    .append(i % 3 == 0 ? "a" : "b")
                    .append('\n');
        }
        csv.append("teal,7,a\n");
        Dataset d = read(CsvReader.of("label", Task.CLASSIFICATION).withAutoCategorical(), csv.toString());
        assertEquals(List.of("color=green", "color=red", "color=teal", "size"), d.featureNames());
        DatasetSplits s = DatasetSplits.random(d, 0.25, 0.25, 11);
        // seed 11 puts the one teal row outside the training rows: every split loses the column, the row reads as no
        // colour
        for (Dataset x : List.of(s.train(), s.validation(), s.test())) {
            assertEquals(List.of("color=green", "color=red", "size"), x.featureNames());
            assertEquals(3, x.encoding().orElseThrow().width());
        }
        int noColour = 0;
        for (Dataset x : List.of(s.validation(), s.test())) {
            for (int r = 0; r < x.rows(); r++) {
                noColour += x.feature(r, 0) == 0 && x.feature(r, 1) == 0 ? 1 : 0;
            }
        }
        assertEquals(1, noColour, "the teal row, in validation or test, has no indicator set");
        DatasetSplits z = s.standardized();
        double[] mean = z.standardization().mean();
        double[] scale = z.standardization().scale();
        int size = z.train().featureNames().indexOf("size");
        for (int c = 0; c < mean.length; c++) {
            if (c != size) {
                assertEquals(0.0, mean[c]);
                assertEquals(1.0, scale[c]);
            }
        }
        assertTrue(scale[size] > 1, "the numeric column is standardised");
    }
}
