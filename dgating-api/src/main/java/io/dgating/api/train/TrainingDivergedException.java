package io.dgating.api.train;

import io.dgating.api.ParameterSet;
import java.util.Optional;

/**
 * Training produced a non-finite loss or parameter; no result is returned, so no NaN model
 * can reach an export. Usual causes: learning rate too high for the model, or lambda so
 * large that the penalty dominates.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient TrainingCheckpoint lastGood;

    /**
     * Creates the exception.
     *
     * @param message what diverged, when
     * @param lastGood the state after the last epoch that ended finite, or null if none did
     */
    public TrainingDivergedException(String message, TrainingCheckpoint lastGood) {
        super(message);
        this.lastGood = lastGood;
    }

    /** {@return the state after the last epoch that ended with finite loss and parameters, if any} */
    public Optional<TrainingCheckpoint> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    /**
     * Throws when a parameter holds NaN or infinity: the check every engine makes after an epoch.
     *
     * @param params the parameters after the epoch
     * @param epoch the epoch
     * @param lastGood the state to hand back, or null
     * @throws TrainingDivergedException naming the parameter and value
     */
    public static void requireFinite(ParameterSet params, int epoch, TrainingCheckpoint lastGood) {
        for (var e : params.asMap().entrySet()) {
            for (int i = 0; i < e.getValue().size(); i++) {
                if (!Float.isFinite(e.getValue().get(i))) {
                    throw new TrainingDivergedException(
                            "training diverged in epoch " + epoch + ": parameter " + e.getKey() + " holds "
                                    + e.getValue().get(i) + "; lower the learning rate or lambda",
                            lastGood);
                }
            }
        }
    }
}
