package io.dgating.cli.mixin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgating.api.data.InvalidDataException;
import io.dgating.compress.CompressionJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a JSON config file: an object whose keys are long option names without
 * the dashes ({@code "lambda": 0.01}, {@code "hidden": [64, 32]}, {@code "dataset": "wine"}).
 * Flags on the command line override it, because picocli only asks for defaults of options
 * the command line leaves out.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final Path file;
    private final Map<String, String> values;

    private ConfigDefaults(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /**
     * Reads a config file.
     *
     * @param file the JSON file
     * @return the defaults
     * @throws InvalidDataException naming the file, line and column of a syntax error, or the
     *     key whose value is not a scalar or a list of scalars
     */
    public static ConfigDefaults read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file.toString(), 0, null, "config file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidDataException(
                    file.toString(),
                    at == null ? 0 : at.getLineNr(),
                    at == null ? null : Integer.toString(at.getColumnNr()),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidDataException(file.toString(), 0, null, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidDataException(file.toString(), 0, null, "a config file is a JSON object of option: value");
        }
        Map<String, String> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(f -> values.put(f.getKey(), text(file, f.getKey(), f.getValue())));
        return new ConfigDefaults(file, values);
    }

    private static String text(Path file, String key, JsonNode v) {
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode n : v) {
                if (!n.isValueNode() || n.isNull()) {
                    throw new InvalidDataException(file.toString(), 0, key, "list entries must be numbers or strings");
                }
                parts.add(n.asText());
            }
            return String.join(",", parts);
        }
        throw new InvalidDataException(file.toString(), 0, key, "value must be a number, string, boolean or list");
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            for (String name : o.names()) {
                String v = values.get(name.replaceFirst("^-+", ""));
                if (v != null) {
                    return v;
                }
            }
        }
        return arg.defaultValue();
    }

    /**
     * Checks that every key names an option of the command.
     *
     * @param spec the command
     * @throws IllegalArgumentException naming the unknown key
     */
    void validate(CommandLine.Model.CommandSpec spec) {
        List<String> known = spec.options().stream()
                .flatMap(o -> Arrays.stream(o.names()))
                .map(n -> n.replaceFirst("^-+", ""))
                .toList();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown option '" + key + "' for " + spec.name()
                        + " (keys are option names without dashes, e.g. \"lambda\")");
            }
        }
    }

    /**
     * Returns the config file named by {@code --config FILE}, else {@code DIR/config.json} of
     * {@code --resume DIR}, if any.
     *
     * @param args command-line arguments
     * @return the path or null
     */
    public static Path find(String... args) {
        Path resumed = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--resume") && i + 1 < args.length) {
                resumed = Path.of(args[i + 1], CompressionJob.SETTINGS);
            } else if (args[i].startsWith("--resume=")) {
                resumed = Path.of(args[i].substring("--resume=".length()), CompressionJob.SETTINGS);
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        // a resumed run takes the settings its first run recorded
        return resumed;
    }
}
