package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetSplitsTest {

    private final Dataset wine = BundledDataset.WINE.load();

    @Test
    void splitsAreStratifiedDisjointAndComplete() {
        DatasetSplits s = DatasetSplits.random(wine, 0.2, 0.2, 7);
        assertEquals(wine.rows(), s.train().rows() + s.validation().rows() + s.test().rows());
        // class 0 has 59 rows: round(59 * 0.2) = 12 of them in test
        int zeros = 0;
        for (int r = 0; r < s.test().rows(); r++) {
            zeros += s.test().target(r) == 0 ? 1 : 0;
        }
        assertEquals(12, zeros);
        assertEquals(DatasetSplits.random(wine, 0.2, 0.2, 7).test().features().length, s.test().features().length);
        assertNotEquals(java.util.Arrays.toString(DatasetSplits.random(wine, 0.2, 0.2, 8).test().features()),
                java.util.Arrays.toString(s.test().features()));
    }

    @Test
    void standardisationIsFittedOnTrainingRowsOnly() {
        DatasetSplits s = DatasetSplits.random(wine, 0.0, 0.3, 1).standardized();
        for (int c = 0; c < wine.cols(); c++) {
            double mean = 0;
            double sq = 0;
            for (int r = 0; r < s.train().rows(); r++) {
                mean += s.train().feature(r, c);
                sq += s.train().feature(r, c) * s.train().feature(r, c);
            }
            mean /= s.train().rows();
            assertEquals(0.0, mean, 1e-5);
            assertEquals(1.0, sq / s.train().rows() - mean * mean, 1e-4);
        }
        // computed independently from the raw training rows (proline, column 12, ~ 750 +- 315)
        DatasetSplits raw = DatasetSplits.random(wine, 0.0, 0.3, 1);
        double m = 0;
        for (int r = 0; r < raw.train().rows(); r++) {
            m += raw.train().feature(r, 12);
        }
        m /= raw.train().rows();
        assertEquals(m, s.standardization().mean()[12], 1e-3);
        double testMean = 0;
        for (int r = 0; r < s.test().rows(); r++) {
            testMean += s.test().feature(r, 12);
        }
        assertNotEquals(0.0, testMean / s.test().rows(), 1e-3, "test rows must not be used for the fit");
    }

    @Test
    void constantColumnsGetScaleOne() {
        Dataset d = new Dataset("c", 3, 2, new float[] {5, 1, 5, 2, 5, 3}, new float[] {0, 1, 0}, Task.CLASSIFICATION,
                java.util.List.of("const", "x"), java.util.List.of("a", "b"));
        Standardization s = Standardization.fit(d);
        assertEquals(1.0, s.scale()[0]);
        assertEquals(5.0, s.mean()[0]);
    }

    @Test
    void rejectsImpossibleFractions() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSplits.random(wine, 0.6, 0.5, 1))
                .getMessage().contains("sum to less than 1"));
    }
}
