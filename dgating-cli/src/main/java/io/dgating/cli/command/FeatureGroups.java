package io.dgating.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --groups}: which input columns share one gate (one-hot indicators of a category, the
 * channels of a sensor). {@code prefix} groups columns by their name up to the last {@code _} or
 * {@code .}; a JSON file maps group names to column names, and columns it does not name stay
 * groups of their own.
 */
final class FeatureGroups {

    private FeatureGroups() {}

    /**
     * Returns the group of every column.
     *
     * @param spec {@code prefix} or a JSON file
     * @param columns the data's column names, in order
     * @return one group index per column, groups numbered in order of first column
     * @throws IllegalArgumentException naming an unreadable file, an unknown column or one named twice
     */
    static int[] parse(String spec, List<String> columns) {
        Map<String, String> groupOf = new HashMap<>();
        if (spec.equals("prefix")) {
            for (String c : columns) {
                int cut = Math.max(c.lastIndexOf('_'), c.lastIndexOf('.'));
                groupOf.put(c, cut > 0 ? c.substring(0, cut) : c);
            }
        } else {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(Files.readString(Path.of(spec)));
            } catch (IOException e) {
                throw new IllegalArgumentException("--groups " + spec + ": cannot read it (" + e.getMessage()
                        + "); give prefix or a JSON file {\"group\": [\"column\", ...]}");
            }
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException(
                        "--groups " + spec + ": not a JSON object {\"group\": [\"column\", ...]}");
            }
            root.fields().forEachRemaining(e -> {
                for (JsonNode col : e.getValue()) {
                    String c = col.asText();
                    if (!columns.contains(c)) {
                        throw new IllegalArgumentException("--groups " + spec + ": group '" + e.getKey()
                                + "' names column '" + c + "', which the data does not have");
                    }
                    String previous = groupOf.put(c, "group " + e.getKey());
                    if (previous != null) {
                        throw new IllegalArgumentException("--groups " + spec + ": column '" + c + "' is in " + previous
                                + " and in group " + e.getKey());
                    }
                }
            });
            columns.forEach(c -> groupOf.putIfAbsent(c, "column " + c));
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] out = new int[columns.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index.computeIfAbsent(groupOf.get(columns.get(i)), k -> index.size());
        }
        return out;
    }
}
