package io.dgating.api.train;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Head;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a {@link FineTuning}: the gated model restarts from its trained parameters with the gates
 * of removed groups at 0, every gate frozen, and lambda 0, so it computes exactly the compact
 * model and trains only what the compact model has.
 */
public final class FineTuner {

    private FineTuner() {}

    /**
     * Returns the starting parameters: the trained omega and gates, except that every factor of a
     * group whose norm is below eps is 0. With the gates frozen this computes exactly the compact
     * model, and the kept weights move at the step size training gave them: folding the gates into
     * omega (gates 1) multiplies the first layer's effective learning rate by about
     * {@code 1 / prod gamma^2}, which after a long warm-started lambda path on MNIST lowered validation
     * accuracy from 0.956 to 0.938 in 10 epochs, where this start raised it to 0.964.
     *
     * @param r the trained model
     * @return gated-form parameters computing the compact model
     */
    public static ParameterSet start(TrainingResult r) {
        Map<String, Tensor> out = new LinkedHashMap<>(r.parameters().asMap());
        for (GateSpec g : r.gating().gates()) {
            double[] norms = r.groupReports().stream()
                    .filter(x -> x.layer().equals(g.layer()))
                    .findFirst()
                    .map(GroupReport::norms)
                    .orElseThrow();
            String gatesName = ParamRef.gatesOf(g.layer()).name();
            Tensor gates = r.parameters().get(gatesName);
            float[] v = gates.data();
            int factors = gates.dim(1);
            for (int j = 0; j < norms.length; j++) {
                if (norms[j] < r.gating().eps()) {
                    Arrays.fill(v, j * factors, (j + 1) * factors, 0f);
                }
            }
            out.put(gatesName, new Tensor(gates.shape(), v));
        }
        return new ParameterSet(out);
    }

    /**
     * Fine-tunes a trained model.
     *
     * @param engine the engine
     * @param r the trained (gated) model
     * @param data standardised splits, as it was trained on
     * @param ft epochs and learning rate
     * @param listener progress and checkpoints
     * @param checkpointEvery a checkpoint every this many epochs (0: none)
     * @param resume continue from this checkpoint of an earlier fine-tuning of the same model
     * @return the fine-tuned model, recorded with the gating that selected its groups (the lambda
     *     of the selection, not the 0 it was fine-tuned with)
     */
    public static TrainingResult run(
            Engine engine,
            TrainingResult r,
            DatasetSplits data,
            FineTuning ft,
            TrainingListener listener,
            int checkpointEvery,
            Optional<TrainingCheckpoint> resume) {
        return run(engine, r, data, ft, listener, checkpointEvery, resume, Optional.empty());
    }

    /**
     * Fine-tunes a trained model, distilling from a teacher when one is given.
     *
     * @param engine the engine
     * @param r the trained (gated) model
     * @param data standardised splits, as it was trained on
     * @param ft epochs and learning rate
     * @param listener progress and checkpoints
     * @param checkpointEvery a checkpoint every this many epochs (0: none)
     * @param resume continue from this checkpoint of an earlier fine-tuning of the same model
     * @param distillation the teacher's probabilities on the training rows and their weight, or empty
     * @return the fine-tuned model
     */
    public static TrainingResult run(
            Engine engine,
            TrainingResult r,
            DatasetSplits data,
            FineTuning ft,
            TrainingListener listener,
            int checkpointEvery,
            Optional<TrainingCheckpoint> resume,
            Optional<Distillation> distillation) {
        TrainingConfig t = r.training();
        TrainingConfig cfg = new TrainingConfig(
                t.optimizer(), ft.learningRate(), t.schedule(), ft.epochs(), t.batchSize(), t.weightDecay(), t.seed());
        GatingConfig none = new GatingConfig(
                r.gating().depth(), 0, r.gating().eps(), r.gating().gates());
        TrainingRequest req = TrainingRequest.of(r.model(), none, cfg, data)
                .withInitialParameters(start(r))
                .withGatesFrozen()
                .withListener(listener)
                .withCheckpointsEvery(checkpointEvery);
        if (resume.isPresent()) {
            req = req.resumingFrom(resume.get());
        }
        if (distillation.isPresent()) {
            req = req.withDistillation(distillation.get());
        }
        TrainingResult tuned = engine.train(req);
        Map<String, String> provenance = new TreeMap<>(tuned.provenance());
        provenance.put("finetune.epochs", Integer.toString(ft.epochs()));
        provenance.put("finetune.learningRate", Double.toString(ft.learningRate()));
        return new TrainingResult(
                tuned.model(),
                r.gating(),
                tuned.training(),
                tuned.parameters(),
                tuned.standardization(),
                tuned.featureNames(),
                tuned.classNames(),
                tuned.history(),
                tuned.metrics(),
                provenance);
    }

    /**
     * Returns the fine-tuned model unless it scores worse than the selected one on the validation
     * split (accuracy, or RMSE for regression): fine-tuning a model the penalty has left badly
     * conditioned can kill its hidden units, and a user should get the better of the two.
     *
     * @param selected the model before fine-tuning
     * @param tuned the fine-tuned model
     * @return {@code tuned}, or {@code selected} when the validation split prefers it
     */
    public static TrainingResult keepBetter(TrainingResult selected, TrainingResult tuned) {
        Metrics before = selected.metrics(Split.VALIDATION);
        Metrics after = tuned.metrics(Split.VALIDATION);
        if (before == null || after == null || before.rows() == 0) {
            return tuned;
        }
        boolean classification = selected.model().head() == Head.SOFTMAX_CROSS_ENTROPY;
        double b = before.score(classification);
        double a = after.score(classification);
        boolean worse = classification ? a < b : a > b;
        return worse ? selected : tuned;
    }
}
