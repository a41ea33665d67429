package io.dgating.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The lambda search on a stand-in for training: a model is just the number of groups a curve
 * says lambda keeps (784 pixels, kept = 784 exp(-80.7 lambda), so lambda 0.04 keeps 31: the
 * user report of the issue). The search must bracket the target from whichever side it starts,
 * return the trial that kept the most groups while meeting it, and say what it tried.
 */
class LambdaSearchTest {

    private static final int PIXELS = 784;

    /** A "model": the lambda it was trained at, how many groups it kept, and what it was warm-started from. */
    private record Fake(double lambda, int kept, Fake warm) {}

    private static LambdaSearch.Trainer<Fake> curve(DoubleUnaryOperator kept) {
        return new LambdaSearch.Trainer<>() {
            @Override
            public Fake train(double lambda, Fake warm) {
                return new Fake(lambda, (int) Math.round(kept.applyAsDouble(lambda)), warm);
            }

            @Override
            public int kept(Fake model) {
                return model.kept();
            }

            @Override
            public int groups(Fake model) {
                return PIXELS;
            }
        };
    }

    private static final DoubleUnaryOperator PIXEL_CURVE = l -> PIXELS * Math.exp(-80.7 * l);

    @Test
    void aStartThatAlreadyMeetsTheTargetStepsDownAndEndsNextToIt() {
        List<String> said = new ArrayList<>();
        LambdaSearch<Fake> s = new LambdaSearch<>(SparsityTarget.parse("keep:50"), curve(PIXEL_CURVE), said::add);
        Fake chosen = s.run(0.04, 8);
        assertEquals(31, s.trials().get(0).kept(), "the start meets the target with 31 pixels");
        assertTrue(chosen.kept() <= 50 && chosen.kept() >= 47, "chose " + chosen.kept() + " pixels, up to 50 allowed");
        assertTrue(s.trials().get(1).lambda() < 0.04 && !s.trials().get(1).met(), "stepped down past the target first");
        assertTrue(said.stream().anyMatch(m -> m.contains("bracketed")), String.join("\n", said));
        assertEquals(1 + 1 + 1 + 8, s.trials().size(), "start, one step down, the start again warm, eight bisections");
        assertNull(
                s.trials().stream()
                        .filter(LambdaTrial::met)
                        .filter(t -> t.kept() > chosen.kept())
                        .findAny()
                        .orElse(null),
                "no met trial kept more");
    }

    @Test
    void aStartThatMissesTheTargetStepsUpWarmStartingFromTheDenserModel() {
        LambdaSearch<Fake> s = new LambdaSearch<>(SparsityTarget.parse("keep:50"), curve(PIXEL_CURVE), m -> {});
        Fake chosen = s.run(0.0001, 10);
        assertTrue(chosen.kept() <= 50 && chosen.kept() >= 48, "chose " + chosen.kept());
        assertTrue(chosen.warm() != null && chosen.warm().kept() > 50, "warm-started from a denser trial");
        assertEquals(
                List.of(false, false, false, true),
                s.trials().subList(0, 4).stream().map(LambdaTrial::met).toList(),
                "1e-4, 1e-3 and 1e-2 keep too many, 0.1 meets the target");
    }

    @Test
    void aTargetEveryModelMeetsStopsAtTheDensestAndAnImpossibleOneIsRefused() {
        LambdaSearch<Fake> all = new LambdaSearch<>(SparsityTarget.parse("keep:784"), curve(PIXEL_CURVE), m -> {});
        assertEquals(784, all.run(0.1, 5).kept());
        LambdaSearch<Fake> never = new LambdaSearch<>(SparsityTarget.parse("keep:10"), curve(l -> 600), m -> {});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> never.run(0.01, 5))
                .getMessage()
                .contains("may be impossible"));
    }

    @Test
    void aNonMonotoneCurveStillReturnsTheMetTrialWithTheMostGroups() {
        // kept bumps up between 0.03 and 0.035 (training noise); the best met trial need not be the last bracket end
        DoubleUnaryOperator bumpy = l -> l > 0.03 && l < 0.035 ? 49 : PIXEL_CURVE.applyAsDouble(l);
        LambdaSearch<Fake> s = new LambdaSearch<>(SparsityTarget.parse("keep:50"), curve(bumpy), m -> {});
        Fake chosen = s.run(0.04, 8);
        int most = s.trials().stream()
                .filter(LambdaTrial::met)
                .mapToInt(LambdaTrial::kept)
                .max()
                .orElseThrow();
        assertEquals(most, chosen.kept());
    }

    @Test
    void aMetEndTrainedColdIsTrainedAgainWarmSoTheSearchFollowsThePath() {
        // warm-started trainings keep 12 more groups than cold ones at the same lambda (path dependence)
        LambdaSearch.Trainer<Fake> pathDependent = new LambdaSearch.Trainer<>() {
            @Override
            public Fake train(double lambda, Fake warm) {
                return new Fake(
                        lambda, (int) Math.round(PIXEL_CURVE.applyAsDouble(lambda)) + (warm == null ? 0 : 12), warm);
            }

            @Override
            public int kept(Fake model) {
                return model.kept();
            }

            @Override
            public int groups(Fake model) {
                return PIXELS;
            }
        };
        LambdaSearch<Fake> s = new LambdaSearch<>(SparsityTarget.parse("keep:50"), pathDependent, m -> {});
        Fake chosen = s.run(0.04, 8);
        assertTrue(
                chosen.warm() != null && chosen.kept() >= 47 && chosen.kept() <= 50,
                "chose " + chosen.kept() + " (cold start kept 31)");
    }
}
