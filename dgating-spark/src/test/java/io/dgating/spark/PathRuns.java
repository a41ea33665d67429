package io.dgating.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgating.cli.DgatingCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs {@code dgating path} in-process and reads its {@code path.json}. */
final class PathRuns {

    private PathRuns() {}

    /** Output of one run. */
    record Run(int code, String out, String err) {}

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                DgatingCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /**
     * Reads a path's points without their training times (the only field allowed to differ between runs).
     *
     * @param dir the output directory
     * @return the points, in file order
     */
    static List<JsonNode> untimedPoints(Path dir) throws IOException {
        return untimed(dir.resolve("path.json"), "points");
    }

    /**
     * Reads an array of a result file without the training times.
     *
     * @param file a JSON result file
     * @param array the array's field
     * @return its entries, in file order
     */
    static List<JsonNode> untimed(Path file, String array) throws IOException {
        List<JsonNode> points = new ArrayList<>();
        for (JsonNode p : new ObjectMapper().readTree(file.toFile()).path(array)) {
            ObjectNode o = p.deepCopy();
            o.remove("seconds");
            points.add(o);
        }
        return points;
    }

    /** Asserts that no (method, D, lambda) occurs twice. */
    static void assertEveryPointOnce(List<JsonNode> points, int expected) {
        Set<String> keys = new HashSet<>();
        for (JsonNode p : points) {
            String key = p.path("method").asText() + "/" + p.path("depth").asInt() + "/"
                    + p.path("lambda").asDouble();
            assertEquals(true, keys.add(key), "point " + key + " twice");
        }
        assertEquals(expected, keys.size());
    }
}
