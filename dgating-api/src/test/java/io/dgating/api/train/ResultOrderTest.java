package io.dgating.api.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.ParameterSet;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Results iterate in an order fixed by their content, so that two JVMs write the same training
 * as the same bytes ({@code Map.copyOf} iterates in an order salted per JVM).
 */
class ResultOrderTest {

    @Test
    void groupsAliveKeepTheOrderTheyWereGivenIn() {
        Map<String, Integer> alive = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 12; i >= 1; i--) {
            names.add("dense" + i);
            alive.put("dense" + i, i);
        }
        EpochStats s = new EpochStats(1, 0.5, 0.1, new Metrics(0, Double.NaN, Double.NaN, Double.NaN), alive, 0.1);
        assertEquals(names, new ArrayList<>(s.groupsAlive().keySet()));
    }

    @Test
    void metricsFollowTheSplitsAndProvenanceIsSortedByKey() {
        Map<Split, Metrics> metrics = new HashMap<>();
        for (Split sp : new Split[] {Split.TEST, Split.TRAIN, Split.VALIDATION}) {
            metrics.put(sp, new Metrics(1, 0, 1, Double.NaN));
        }
        Map<String, String> provenance = new HashMap<>();
        for (String k : new String[] {"threads", "engine", "os.name", "device", "java.version", "pytorch", "os.arch"}) {
            provenance.put(k, k.toUpperCase());
        }
        ModelSpec model = ModelSpec.mlp(2, List.of(), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        TrainingResult r = new TrainingResult(
                model,
                GatingConfig.none(),
                TrainingConfig.builder().build(),
                new ParameterSet(Map.of()),
                Standardization.identity(2),
                List.of("a", "b"),
                List.of("x", "y"),
                List.of(),
                metrics,
                provenance);
        assertEquals(
                List.copyOf(new EnumMap<>(metrics).keySet()),
                List.copyOf(r.metrics().keySet()));
        assertEquals(
                List.of("device", "engine", "java.version", "os.arch", "os.name", "pytorch", "threads"),
                List.copyOf(r.provenance().keySet()));
    }
}
