package io.dgating.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.api.Shape;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Head;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON mapping of the result manifest, written field by field so that the format is
 * stable and documented independently of the Java records. Doubles are written in their
 * shortest round-tripping form and read back exactly; NaN is written as null.
 */
final class ResultJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {}

    static ObjectNode model(ModelSpec m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("inputSize", m.inputSize());
        ArrayNode shape = o.putArray("inputShape");
        for (int d : m.inputShape().dims()) {
            shape.add(d);
        }
        o.put("head", m.head().name());
        ArrayNode layers = o.putArray("layers");
        for (LayerSpec l : m.layers()) {
            layers.add(LayerJson.write(l));
        }
        if (!m.inputs().isEmpty()) {
            ObjectNode wiring = o.putObject("inputs");
            for (var e : m.inputs().entrySet()) {
                ArrayNode from = wiring.putArray(e.getKey());
                e.getValue().forEach(from::add);
            }
        }
        return o;
    }

    static ModelSpec model(JsonNode o) {
        List<LayerSpec> layers = new ArrayList<>();
        for (JsonNode n : req(o, "layers")) {
            layers.add(LayerJson.read(n));
        }
        Map<String, List<String>> wiring = new LinkedHashMap<>();
        if (o.has("inputs")) {
            o.get("inputs").fields().forEachRemaining(e -> {
                List<String> from = new ArrayList<>();
                e.getValue().forEach(v -> from.add(v.asText()));
                wiring.put(e.getKey(), from);
            });
        }
        // files written before models had shapes carry only inputSize: flat examples
        Shape inputShape = o.has("inputShape")
                ? Shape.of(ints(req(o, "inputShape")))
                : Shape.of(req(o, "inputSize").intValue());
        return new ModelSpec(inputShape, layers, wiring, Head.valueOf(text(o, "head")));
    }

    static ObjectNode gating(GatingConfig g) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("depth", g.depth()).put("lambda", g.lambda()).put("eps", g.eps());
        ArrayNode gates = o.putArray("gates");
        for (GateSpec s : g.gates()) {
            ObjectNode n = gates.addObject()
                    .put("layer", s.layer())
                    .put("kind", s.kind().name());
            ArrayNode groups = n.putArray("featureGroups");
            for (int v : s.featureGroups()) {
                groups.add(v);
            }
        }
        return o;
    }

    static GatingConfig gating(JsonNode o) {
        List<GateSpec> gates = new ArrayList<>();
        for (JsonNode n : req(o, "gates")) {
            JsonNode fg = req(n, "featureGroups");
            int[] groups = new int[fg.size()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = fg.get(i).intValue();
            }
            gates.add(new GateSpec(text(n, "layer"), GroupKind.valueOf(text(n, "kind")), groups));
        }
        return new GatingConfig(
                req(o, "depth").intValue(),
                req(o, "lambda").doubleValue(),
                req(o, "eps").doubleValue(),
                gates);
    }

    static ObjectNode training(TrainingConfig t) {
        ObjectNode o = MAPPER.createObjectNode();
        ObjectNode opt = o.putObject("optimizer");
        if (t.optimizer() instanceof Optimizer.Sgd s) {
            opt.put("kind", "sgd").put("momentum", s.momentum()).put("nesterov", s.nesterov());
        } else if (t.optimizer() instanceof Optimizer.Adam a) {
            opt.put("kind", "adam")
                    .put("beta1", a.beta1())
                    .put("beta2", a.beta2())
                    .put("epsilon", a.epsilon());
        }
        o.put("learningRate", t.learningRate())
                .put("schedule", t.schedule().name())
                .put("epochs", t.epochs())
                .put("batchSize", t.batchSize())
                .put("weightDecay", t.weightDecay())
                .put("seed", t.seed());
        return o;
    }

    static TrainingConfig training(JsonNode o) {
        JsonNode opt = req(o, "optimizer");
        Optimizer optimizer = switch (text(opt, "kind")) {
            case "sgd" ->
                new Optimizer.Sgd(
                        req(opt, "momentum").doubleValue(), req(opt, "nesterov").booleanValue());
            case "adam" ->
                new Optimizer.Adam(
                        req(opt, "beta1").doubleValue(),
                        req(opt, "beta2").doubleValue(),
                        req(opt, "epsilon").doubleValue());
            default -> throw new IllegalArgumentException("unknown optimizer '" + text(opt, "kind") + "'");
        };
        return new TrainingConfig(
                optimizer,
                req(o, "learningRate").doubleValue(),
                LrSchedule.valueOf(text(o, "schedule")),
                req(o, "epochs").intValue(),
                req(o, "batchSize").intValue(),
                req(o, "weightDecay").doubleValue(),
                req(o, "seed").longValue());
    }

    static ObjectNode standardization(Standardization s) {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode mean = o.putArray("mean");
        ArrayNode scale = o.putArray("scale");
        for (int j = 0; j < s.size(); j++) {
            mean.add(s.mean()[j]);
            scale.add(s.scale()[j]);
        }
        return o;
    }

    static Standardization standardization(JsonNode o) {
        return new Standardization(doubles(req(o, "mean")), doubles(req(o, "scale")));
    }

    static ObjectNode metrics(Metrics m) {
        ObjectNode o = MAPPER.createObjectNode().put("rows", m.rows());
        number(o, "loss", m.loss());
        number(o, "accuracy", m.accuracy());
        number(o, "rmse", m.rmse());
        return o;
    }

    static Metrics metrics(JsonNode o) {
        return new Metrics(req(o, "rows").intValue(), number(o, "loss"), number(o, "accuracy"), number(o, "rmse"));
    }

    static ObjectNode epoch(EpochStats e) {
        ObjectNode o = MAPPER.createObjectNode().put("epoch", e.epoch());
        number(o, "dataLoss", e.dataLoss());
        number(o, "penalty", e.penalty());
        number(o, "learningRate", e.learningRate());
        o.set("validation", metrics(e.validation()));
        ObjectNode alive = o.putObject("groupsAlive");
        e.groupsAlive().forEach(alive::put);
        return o;
    }

    static EpochStats epoch(JsonNode o) {
        Map<String, Integer> alive = new LinkedHashMap<>();
        req(o, "groupsAlive")
                .fields()
                .forEachRemaining(f -> alive.put(f.getKey(), f.getValue().intValue()));
        return new EpochStats(
                req(o, "epoch").intValue(),
                number(o, "dataLoss"),
                number(o, "penalty"),
                metrics(req(o, "validation")),
                alive,
                number(o, "learningRate"));
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.textValue()));
        return out;
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).intValue();
        }
        return out;
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }

    static JsonNode req(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isMissingNode()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return n;
    }

    static String text(JsonNode o, String field) {
        JsonNode n = req(o, field);
        if (!n.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return n.textValue();
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static double number(JsonNode o, String field) {
        JsonNode n = req(o, field);
        return n.isNull() ? Double.NaN : n.doubleValue();
    }
}
