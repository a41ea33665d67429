package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BundledDatasetTest {

    /** Row, column and per-class counts as documented by UCI / scikit-learn. */
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "breast-cancer; 569; 30; 212 357",
                "wine; 178; 13; 59 71 48",
                "iris; 150; 4; 50 50 50",
                "digits; 1797; 64; 178 182 177 183 181 182 181 179 174 180"
            })
    void loadsWithDocumentedShapeAndClassBalance(String id, int rows, int cols, String counts) {
        Dataset d = BundledDataset.byId(id).load();
        assertEquals(rows, d.rows());
        assertEquals(cols, d.cols());
        int[] expected =
                Arrays.stream(counts.split(" ")).mapToInt(Integer::parseInt).toArray();
        int[] actual = new int[expected.length];
        for (int r = 0; r < d.rows(); r++) {
            actual[(int) d.target(r)]++;
        }
        assertArrayEquals(expected, actual);
        assertEquals(expected.length, d.classes());
    }

    @ParameterizedTest
    @CsvSource({"breast-cancer, mean radius, malignant", "iris, petal width (cm), virginica"})
    void carriesFeatureAndClassNames(String id, String feature, String className) {
        Dataset d = BundledDataset.byId(id).load();
        assertTrue(d.featureNames().contains(feature));
        assertTrue(d.classNames().contains(className));
    }

    @org.junit.jupiter.api.Test
    void unknownNameListsTheKnownOnes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BundledDataset.byId("cifar"))
                .getMessage()
                .contains("[breast-cancer, wine, iris, digits]"));
        assertEquals(BundledDataset.BREAST_CANCER, BundledDataset.byId("Breast_Cancer"));
    }
}
