package dev.provenant.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package cycles between Provenant's packages: {@code jdeps} (the JDK's own dependency analyser, run
 * in-process) reads every module jar the reactor has built so far, and the package graph it reports must
 * have no strongly connected component of more than one package. A cycle means two packages can only be
 * understood, moved or split together.
 */
class PackageCyclesIT {

    @Test
    void jdepsFindsNoPackageCycle() throws IOException {
        List<String> jars = moduleJars();
        assertThat(jars).as("module jars under */target").hasSizeGreaterThan(10);
        Map<String, Set<String>> graph = packageGraph(jars);
        assertThat(graph).as("jdeps reported package dependencies").isNotEmpty();
        assertThat(cycles(graph)).as("package cycles").isEmpty();
    }

    @Test
    void theCycleCheckFindsACycle() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", new TreeSet<>(Set.of("b")));
        graph.put("b", new TreeSet<>(Set.of("c")));
        graph.put("c", new TreeSet<>(Set.of("a", "d")));
        graph.put("d", new TreeSet<>());
        assertThat(cycles(graph)).containsExactly(List.of("a", "b", "c"));
    }

    /** The library, adapter and provider jars, not the shaded CLI jar (which repeats them) nor test jars. */
    static List<String> moduleJars() throws IOException {
        List<String> jars = new ArrayList<>();
        try (Stream<Path> modules = Files.list(PackagedCli.ROOT)) {
            for (Path module : (Iterable<Path>) modules.sorted()::iterator) {
                Path target = module.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(target)) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("provenant-") && n.endsWith(".jar"))
                            .filter(n -> !n.endsWith("-tests.jar") && !n.endsWith("-sources.jar") && !n.endsWith("-javadoc.jar"))
                            .filter(n -> !n.startsWith("provenant-benchmarks") && !n.startsWith("provenant-fuzz"))
                            .sorted()
                            .forEach(n -> jars.add(target.resolve(n).toString()));
                }
            }
        }
        return jars;
    }

    static Map<String, Set<String>> packageGraph(List<String> jars) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("this JDK has no jdeps"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "--ignore-missing-deps", "-q",
                "--multi-release", String.valueOf(Runtime.version().feature())));
        args.addAll(jars);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertThat(rc).as("jdeps: " + err).isZero();
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("dev.provenant.") && f[2].startsWith("dev.provenant.")
                    && !f[0].equals(f[2])) {
                graph.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[2]);
                graph.computeIfAbsent(f[2], k -> new TreeSet<>());
            }
        }
        return graph;
    }

    /** Tarjan's strongly connected components of more than one node, each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> found, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, found, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                component.sort(null);
                found.add(component);
            }
        }
    }
}
