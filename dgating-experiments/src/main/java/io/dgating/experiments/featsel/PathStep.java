package io.dgating.experiments.featsel;

import java.io.Serializable;

/**
 * One point of a feature-selection path.
 *
 * @param dataset the dataset
 * @param method {@code D = d}, or the baseline's selector
 * @param lambda lambda
 * @param kept pixels kept
 * @param validationAccuracy the engine's validation accuracy
 * @param learningRate base learning rate the point trained with (halved after a divergence)
 * @param seconds training time, failed attempts included
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record PathStep(
        String dataset,
        String method,
        double lambda,
        int kept,
        double validationAccuracy,
        double learningRate,
        double seconds)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
