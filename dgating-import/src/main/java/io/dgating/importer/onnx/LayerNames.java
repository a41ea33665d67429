package io.dgating.importer.onnx;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Readable, unique layer names from what the file offers: the weight's name for layers with one
 * ({@code fc1.weight} gives {@code fc1}), the node's module path otherwise
 * ({@code /stages/stages.0/stages.0.0/relu/Relu} gives {@code stages_0_0_relu}).
 */
final class LayerNames {

    private final Set<String> used = new HashSet<>();

    String of(OnnxNode node, String weight) {
        String base = null;
        if (weight != null && weight.endsWith(".weight") && !weight.contains("::")) {
            base = weight.substring(0, weight.length() - ".weight".length());
        }
        if (base == null) {
            base = fromPath(node);
        }
        String clean = base.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        if (clean.isEmpty() || clean.equals("input")) {
            clean = node.op().toLowerCase(Locale.ROOT);
        }
        String name = clean;
        for (int i = 2; !used.add(name); i++) {
            name = clean + "_" + i;
        }
        return name;
    }

    // "/a/a.0/a.0.1/relu/Relu" -> "a.0.1/relu": a segment that the next one starts with adds nothing
    private static String fromPath(OnnxNode node) {
        String[] parts = node.name().replaceFirst("^/", "").split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (last && parts.length > 1 && parts[i].startsWith(node.op())) {
                String suffix = parts[i].substring(node.op().length());
                if (!suffix.isEmpty()) {
                    sb.append(sb.length() > 0 ? "_" : "").append(suffix);
                }
                continue;
            }
            if (!last && parts[i + 1].startsWith(parts[i])) {
                continue;
            }
            sb.append(sb.length() > 0 ? "_" : "").append(parts[i]);
        }
        return sb.length() == 0 ? node.name() : sb.toString();
    }
}
