package io.dgating.experiments.featsel;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.experiments.Experiment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The paper's feature-selection experiment as an {@link Experiment}: for every dataset, one unit per
 * D (a lambda path of the input-gated LeNet-300-100, then the selected models fine-tuned) and one for
 * the L1-logistic selection + MLP baseline ({@link FeatselRun} runs a unit). The exported models take
 * raw pixels, so a unit loads the dataset's unstandardised splits (once in each JVM).
 */
public final class FeatselExperiment
        implements Experiment<FeatselUnit, FeatselFits, Map<String, FeatselExperiment.Outcome>> {

    private static final long serialVersionUID = 1L;

    /** Method name of the baseline. */
    public static final String BASELINE = "L1-logistic + MLP";

    /**
     * What a dataset's run produced.
     *
     * @param steps every path point
     * @param rows every selected model
     */
    public record Outcome(List<PathStep> steps, List<FeatselRow> rows) {}

    private final LinkedHashMap<String, DataSource> datasets;
    private final FeatselSettings settings;
    private transient Consumer<String> messages;
    private transient Map<String, DatasetSplits> loaded;

    /**
     * Creates the experiment.
     *
     * @param datasets each dataset's name in the report, and where it comes from
     * @param settings the protocol
     */
    public FeatselExperiment(Map<String, DataSource> datasets, FeatselSettings settings) {
        this.datasets = new LinkedHashMap<>(datasets);
        this.settings = settings;
    }

    /**
     * Creates the experiment on splits in memory; it runs in this JVM only.
     *
     * @param raw each dataset's name and unstandardised splits
     * @param settings the protocol
     * @return the experiment
     */
    public static FeatselExperiment on(Map<String, DatasetSplits> raw, FeatselSettings settings) {
        Map<String, DataSource> none = new LinkedHashMap<>();
        raw.keySet().forEach(n -> none.put(n, null));
        FeatselExperiment e = new FeatselExperiment(none, settings);
        e.loaded = new HashMap<>(raw);
        return e;
    }

    /**
     * Returns the experiment with progress in words from the units that run in this JVM.
     *
     * @param sink receives the messages (from worker threads)
     * @return this experiment
     */
    public FeatselExperiment reportingTo(Consumer<String> sink) {
        this.messages = sink;
        return this;
    }

    /** {@return per dataset, one unit per D, then the baseline's} */
    @Override
    public List<FeatselUnit> units() {
        List<FeatselUnit> units = new ArrayList<>();
        for (String name : datasets.keySet()) {
            settings.depths().forEach(d -> units.add(new FeatselUnit(name, d)));
            units.add(FeatselUnit.baseline(name));
        }
        return units;
    }

    @Override
    public FeatselFits run(FeatselUnit unit, Engine engine) {
        Consumer<String> sink = messages == null ? m -> {} : messages;
        return new FeatselRun(engine, sink).runUnit(unit, splits(unit.dataset()), settings);
    }

    /** {@return per dataset in order, the path points and selected models of its units} */
    @Override
    public Map<String, Outcome> gather(List<FeatselFits> fits) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (String name : datasets.keySet()) {
            List<PathStep> steps = new ArrayList<>();
            List<FeatselRow> rows = new ArrayList<>();
            fits.stream().filter(f -> f.unit().dataset().equals(name)).forEach(f -> {
                steps.addAll(f.steps());
                rows.addAll(f.rows());
            });
            out.put(name, new Outcome(steps, rows));
        }
        return out;
    }

    /** {@return the protocol} */
    public FeatselSettings settings() {
        return settings;
    }

    private synchronized DatasetSplits splits(String name) {
        if (loaded == null) {
            loaded = new HashMap<>();
        }
        return loaded.computeIfAbsent(name, n -> {
            if (datasets.get(n) == null) {
                throw new IllegalStateException("this experiment holds " + n + " in memory and runs in the JVM that "
                        + "made it; make it of data sources to run it on a cluster");
            }
            return datasets.get(n).loadRaw(settings.seed(), OptionalInt.empty());
        });
    }
}
