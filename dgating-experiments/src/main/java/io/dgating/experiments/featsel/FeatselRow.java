package io.dgating.experiments.featsel;

import java.io.Serializable;

/**
 * One selected model of the experiment, scored through ONNX Runtime on the test split.
 *
 * @param dataset the dataset
 * @param method {@code D = d}, or the baseline
 * @param k the pixel budget
 * @param lambda lambda of the selecting model
 * @param kept pixels the model reads (at most k)
 * @param accuracyBefore test accuracy of the selecting model's compact export (for the baseline:
 *     the gated linear model that selected the pixels)
 * @param accuracyAfter test accuracy after fine-tuning (for the baseline: the MLP trained on the
 *     selected pixels); the accuracy before when fine-tuning lowered the validation accuracy
 * @param fineTuningKept whether the fine-tuned model was kept ({@link io.dgating.api.train.FineTuner#keepBetter})
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record FeatselRow(
        String dataset,
        String method,
        int k,
        double lambda,
        int kept,
        double accuracyBefore,
        double accuracyAfter,
        boolean fineTuningKept)
        implements Serializable {

    private static final long serialVersionUID = 1L;
}
