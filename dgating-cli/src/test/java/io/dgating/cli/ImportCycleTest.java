package io.dgating.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No main source files of the project import each other in a loop, directly or through others: the
 * import statements of every module form a graph without cycles (Tarjan's strongly connected
 * components), so each file can be read after the files it imports.
 */
class ImportCycleTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT =
            Pattern.compile("^import (io\\.dgating[\\w.]*\\.[A-Z]\\w*)", Pattern.MULTILINE);

    @Test
    void noFilesImportEachOtherInALoop() throws IOException {
        Map<String, Set<String>> imports = imports();
        assertTrue(imports.size() > 100, "found the sources: " + imports.size());
        assertEquals(List.of(), cycles(imports), "files that import each other in a loop");
    }

    @Test
    void theCheckFindsALoop() {
        Map<String, Set<String>> g = new TreeMap<>();
        g.put("a.A", Set.of("b.B"));
        g.put("b.B", Set.of("c.C"));
        g.put("c.C", Set.of("a.A"));
        g.put("d.D", Set.of("a.A"));
        assertEquals(List.of(new TreeSet<>(Set.of("a.A", "b.B", "c.C"))), cycles(g));
    }

    /** {@return every main source file's class name to the project classes it imports} */
    private static Map<String, Set<String>> imports() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in dgating-cli/
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> root.relativize(p).toString().matches("dgating-[a-z-]+/src/main/java/.*\\.java"))
                    .forEach(p -> {
                        String text = read(p);
                        Matcher pkg = PACKAGE.matcher(text);
                        if (!pkg.find()) {
                            return;
                        }
                        String file = p.getFileName().toString();
                        Set<String> used = new TreeSet<>();
                        Matcher m = IMPORT.matcher(text);
                        while (m.find()) {
                            used.add(m.group(1));
                        }
                        imports.put(pkg.group(1) + "." + file.substring(0, file.length() - ".java".length()), used);
                    });
        }
        return imports;
    }

    /** {@return the strongly connected components with more than one file} */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(
            String v,
            Map<String, Set<String>> graph,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) {
                continue; // a class of another project
            }
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
