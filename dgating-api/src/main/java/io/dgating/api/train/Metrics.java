package io.dgating.api.train;

/**
 * Quality of a model on one split.
 *
 * @param rows rows evaluated
 * @param loss mean data loss (the head's loss, without penalty)
 * @param accuracy share of correct argmax predictions (NaN for regression or 0 rows)
 * @param rmse root mean squared error (NaN for classification or 0 rows)
 */
public record Metrics(int rows, double loss, double accuracy, double rmse) {
}
