package io.dgating.compress;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupReport;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Distillation;
import io.dgating.api.train.FineTuner;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The training half of a compression: one D-Gating training at the gating's lambda (resumable) or a
 * lambda search for a sparsity target, and the fine-tuning of the compact architecture after it.
 *
 * @param engine the engine
 * @param model the architecture
 * @param gating the gating
 * @param training the training settings
 * @param data standardised splits
 * @param first the parameters training starts from (an imported model's), or null for the engine's initialisation
 * @param teacher targets mixed with an original model's outputs, if distilling
 * @param listener training progress
 * @param messages progress in words
 */
record GatedTraining(
        Engine engine,
        ModelSpec model,
        GatingConfig gating,
        TrainingConfig training,
        DatasetSplits data,
        ParameterSet first,
        Optional<Distillation> teacher,
        TrainingListener listener,
        Consumer<String> messages) {

    /**
     * Trains as the options say.
     *
     * @param options a target to search for, or a checkpoint to resume
     * @param trials receives every training, in order, with what it kept
     * @return the trained model
     */
    TrainingResult train(CompressionOptions options, List<LambdaTrial> trials) {
        if (options.target().isPresent()) {
            return search(options, trials);
        }
        TrainingRequest req = request(gating, options.resumeFrom().isEmpty() ? first : null)
                .withCheckpointsEvery(options.checkpointEvery());
        if (options.resumeFrom().isPresent()) {
            TrainingCheckpoint from = options.resumeFrom().get();
            req = req.resumingFrom(from);
            messages.accept("resuming after epoch " + from.epochsDone());
        }
        TrainingResult result = engine.train(req);
        trials.add(new LambdaTrial(gating.lambda(), kept(result), groups(result), true));
        return result;
    }

    /**
     * Fine-tunes the compact architecture of a trained model.
     *
     * @param trained the D-Gating result
     * @param fineTuning epochs and learning rate
     * @param checkpointEvery report a checkpoint every this many epochs (0: never)
     * @param resumeFrom a checkpoint of an interrupted fine-tuning of the same run
     * @return the fine-tuned model if its validation score is at least the trained one's, else empty
     */
    Optional<TrainingResult> fineTune(
            TrainingResult trained,
            FineTuning fineTuning,
            int checkpointEvery,
            Optional<TrainingCheckpoint> resumeFrom) {
        resumeFrom.ifPresent(c -> messages.accept("resuming fine-tuning after epoch " + c.epochsDone()));
        TrainingResult t = FineTuner.run(
                engine, trained, data, fineTuning, listener.fineTuning(), checkpointEvery, resumeFrom, teacher);
        if (FineTuner.keepBetter(trained, t) == t) {
            return Optional.of(t);
        }
        messages.accept(String.format(
                "fine-tuning lowered the validation score from %.4f to %.4f; the compact model is the one before "
                        + "fine-tuning",
                validationScore(trained), validationScore(t)));
        return Optional.empty();
    }

    private TrainingResult search(CompressionOptions options, List<LambdaTrial> trials) {
        LambdaSearch<TrainingResult> search = new LambdaSearch<>(
                options.target().orElseThrow(),
                new LambdaSearch.Trainer<>() {
                    @Override
                    public TrainingResult train(double lambda, TrainingResult warm) {
                        GatingConfig g = new GatingConfig(gating.depth(), lambda, gating.eps(), gating.gates());
                        return engine.train(request(g, warm == null ? first : warm.parameters()));
                    }

                    @Override
                    public int kept(TrainingResult r) {
                        return GatedTraining.kept(r);
                    }

                    @Override
                    public int groups(TrainingResult r) {
                        return GatedTraining.groups(r);
                    }
                },
                messages);
        try {
            return search.run(gating.lambda() > 0 ? gating.lambda() : 1e-3, options.searchSteps());
        } finally {
            trials.addAll(search.trials());
        }
    }

    private TrainingRequest request(GatingConfig g, ParameterSet start) {
        TrainingRequest req = TrainingRequest.of(model, g, training, data).withListener(listener);
        if (start != null) {
            req = req.withInitialParameters(start);
        }
        return teacher.isPresent() ? req.withDistillation(teacher.get()) : req;
    }

    private static int kept(TrainingResult r) {
        return r.groupReports().stream().mapToInt(GroupReport::kept).sum();
    }

    private static int groups(TrainingResult r) {
        return r.groupReports().stream().mapToInt(GroupReport::groups).sum();
    }

    private static double validationScore(TrainingResult r) {
        return r.metrics(Split.VALIDATION).score(r.model().head() == Head.SOFTMAX_CROSS_ENTROPY);
    }
}
