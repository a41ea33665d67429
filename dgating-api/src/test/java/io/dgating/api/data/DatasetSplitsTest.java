package io.dgating.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetSplitsTest {

    private final Dataset wine = BundledDataset.WINE.load();

    @Test
    void splitsAreStratifiedDisjointAndComplete() {
        DatasetSplits s = DatasetSplits.random(wine, 0.2, 0.2, 7);
        assertEquals(
                wine.rows(), s.train().rows() + s.validation().rows() + s.test().rows());
        // class 0 has 59 rows: round(59 * 0.2) = 12 of them in test
        int zeros = 0;
        for (int r = 0; r < s.test().rows(); r++) {
            zeros += s.test().target(r) == 0 ? 1 : 0;
        }
        assertEquals(12, zeros);
        assertEquals(
                DatasetSplits.random(wine, 0.2, 0.2, 7).test().features().length,
                s.test().features().length);
        assertNotEquals(
                Arrays.toString(DatasetSplits.random(wine, 0.2, 0.2, 8).test().features()),
                Arrays.toString(s.test().features()));
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
        Dataset d = new Dataset(
                "c",
                3,
                2,
                new float[] {5, 1, 5, 2, 5, 3},
                new float[] {0, 1, 0},
                Task.CLASSIFICATION,
                List.of("const", "x"),
                List.of("a", "b"));
        Standardization s = Standardization.fit(d);
        assertEquals(1.0, s.scale()[0]);
        assertEquals(5.0, s.mean()[0]);
    }

    @Test
    void imagesAreStandardisedPerChannelNotPerPixel() {
        // two channels of 2x2 pixels, 3 images; a pixel lit in one image only, as MNIST's border pixels are
        float[] x = {
            0, 0, 0, 9, 1, 2, 3, 4,
            0, 0, 0, 0, 5, 6, 7, 8,
            0, 0, 0, 0, 2, 2, 2, 2,
        };
        Dataset d = new Dataset(
                "img",
                Shape.of(2, 2, 2),
                3,
                x,
                new float[] {0, 1, 0},
                Task.CLASSIFICATION,
                List.of("a", "b", "c", "d", "e", "f", "g", "h"),
                List.of("n", "p"));
        DatasetSplits s = new DatasetSplits(
                        d, d.select(new int[0], "/v"), d.select(new int[0], "/t"), Standardization.identity(8))
                .standardized();
        double[] mean = s.standardization().mean();
        double[] scale = s.standardization().scale();
        // channel 0: twelve values, one of them 9
        double m0 = 9.0 / 12;
        double sd0 = Math.sqrt((81.0 / 12) - m0 * m0);
        // channel 1: 1..8 and four 2s
        double m1 = (36.0 + 8) / 12;
        double sd1 = Math.sqrt((204.0 + 16) / 12 - m1 * m1);
        for (int c = 0; c < 4; c++) {
            assertEquals(m0, mean[c], 1e-12);
            assertEquals(sd0, scale[c], 1e-12);
            assertEquals(m1, mean[c + 4], 1e-12);
            assertEquals(sd1, scale[c + 4], 1e-12);
        }
        // the lone lit pixel: about 3.3 standard deviations, where per-pixel z-scoring gives sqrt(2) ...
        assertEquals((9 - m0) / sd0, s.train().feature(0, 3), 1e-5);
        // ... and tabular rows keep per-column statistics
        assertEquals(
                Standardization.fit(wine).mean()[0],
                DatasetSplits.random(wine, 0.0, 0.0, 1)
                        .standardized()
                        .standardization()
                        .mean()[0],
                1e-9);
    }

    @Test
    void rejectsImpossibleFractions() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetSplits.random(wine, 0.6, 0.5, 1))
                .getMessage()
                .contains("sum to less than 1"));
    }
}
