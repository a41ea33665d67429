package com.example.scoring;

import io.dgating.runtime.CompactPredictor;
import io.dgating.runtime.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Scores breast-cancer biopsies with a compact model dgating made (see this example's README): the
 * caller sends all 30 measurements; the model reads the 9 that its training kept. One instance serves
 * many threads; close it when the service stops.
 */
public final class TumourScorer implements AutoCloseable {

    /** The compact model, bundled with the service. */
    static final String MODEL = "/model/breast-cancer.onnx";

    private final CompactPredictor predictor;

    /** Loads the bundled model for ONNX Runtime's CPU provider, one thread per call. */
    public TumourScorer() {
        try (InputStream in = TumourScorer.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException(MODEL + " is not on the class path");
            }
            predictor = CompactPredictor.load(in.readAllBytes(), Provider.CPU, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + MODEL, e);
        }
    }

    /** {@return how many measurements a biopsy has} */
    public int measurements() {
        return predictor.inputWidth();
    }

    /** {@return the diagnoses the model tells apart, in its output order} */
    public List<String> diagnoses() {
        return predictor.classNames();
    }

    /**
     * Returns the diagnosis of one biopsy.
     *
     * @param measurements the 30 measurements, in the order of the training data's columns
     * @return the most likely diagnosis
     */
    public String diagnose(float[] measurements) {
        return predictor.classNames().get(predictor.classify(measurements));
    }

    @Override
    public void close() {
        predictor.close();
    }
}
