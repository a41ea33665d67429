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

    /**
     * Returns the score reports and comparisons use.
     *
     * @param classification whether the model classifies
     * @return accuracy for classification (higher is better), RMSE for regression (lower is better)
     */
    public double score(boolean classification) {
        return classification ? accuracy : rmse;
    }
}
