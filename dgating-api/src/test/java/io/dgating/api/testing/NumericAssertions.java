package io.dgating.api.testing;

import static org.junit.jupiter.api.Assertions.fail;

/** The one tolerance helper of the test suites: {@code |a - b| <= atol + rtol * |b|}, element-wise. */
public final class NumericAssertions {

    private NumericAssertions() {}

    /**
     * Fails at the first index where {@code |actual - expected| > atol + rtol * |expected|}.
     *
     * @param actual values under test
     * @param expected reference values
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what label for the failure message
     */
    public static void assertClose(double[] actual, double[] expected, double rtol, double atol, String what) {
        if (actual.length != expected.length) {
            fail(what + ": length " + actual.length + " != " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                fail(String.format(
                        "%s: index %d: actual %.9g, expected %.9g, |diff| %.3g > tol %.3g",
                        what, i, actual[i], expected[i], Math.abs(actual[i] - expected[i]), tol));
            }
        }
    }

    /**
     * Float overload of {@link #assertClose(double[], double[], double, double, String)}.
     *
     * @param actual values under test
     * @param expected reference values
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what label for the failure message
     */
    public static void assertClose(float[] actual, double[] expected, double rtol, double atol, String what) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        assertClose(a, expected, rtol, atol, what);
    }

    /**
     * Scalar form.
     *
     * @param actual value under test
     * @param expected reference value
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @param what label for the failure message
     */
    public static void assertClose(double actual, double expected, double rtol, double atol, String what) {
        assertClose(new double[] {actual}, new double[] {expected}, rtol, atol, what);
    }
}
