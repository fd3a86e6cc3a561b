package dev.lattice.junit.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a cycle among named things that depend on each other (pipelines, service bindings). */
public final class DependencyCycle {

    private DependencyCycle() {
    }

    /**
     * Finds one cycle, if any.
     *
     * @param dependencies each name with the names it depends on; names without an entry depend on nothing
     * @return the cycle as a path that starts and ends with the same name; empty when there is none
     */
    public static Optional<List<String>> find(Map<String, List<String>> dependencies) {
        Set<String> done = new HashSet<>();
        for (String start : dependencies.keySet()) {
            Optional<List<String>> cycle = walk(start, dependencies, new ArrayList<>(), done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> walk(String name, Map<String, List<String>> dependencies,
                                               List<String> path, Set<String> done) {
        int seenAt = path.indexOf(name);
        if (seenAt >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seenAt, path.size()));
            cycle.add(name);
            return Optional.of(cycle);
        }
        if (done.contains(name)) {
            return Optional.empty();
        }
        path.add(name);
        for (String next : dependencies.getOrDefault(name, List.of())) {
            Optional<List<String>> cycle = walk(next, dependencies, path, done);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
        return Optional.empty();
    }
}
