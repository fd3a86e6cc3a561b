package dev.lattice.junit.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The matrix cells that the latest test run asked for by unique id, such as an IDE's "rerun failed" replaying
 * {@code [test-template:store(dev.lattice.junit.Cell)]/[test-template-invocation:#5]}. JUnit's extensions cannot see
 * a request's selectors, so a discovery listener records them here and the matrix reads them when it runs: a cell
 * asked for by unique id runs even where the filter or shard would skip it, and a number past the end of the
 * matrix is an error rather than a run of nothing.
 *
 * <p>Each run's discovery replaces what the previous one recorded. Two runs discovered concurrently in one JVM
 * (which build tools and IDEs do not do) would see the later one's selection.
 */
public final class SelectedInvocations {

    /** The unique-id segment type JUnit gives each invocation of a test template. */
    public static final String SEGMENT_TYPE = "test-template-invocation";

    private static final AtomicReference<Map<String, Set<Integer>>> LATEST = new AtomicReference<>(Map.of());

    private SelectedInvocations() {
    }

    /**
     * Records the invocations a run asks for, replacing the previous run's.
     *
     * @param byTemplate each test template's unique id and the invocation numbers (from 1) asked for; copied
     */
    public static void replace(Map<String, Set<Integer>> byTemplate) {
        Map<String, Set<Integer>> copy = new HashMap<>();
        byTemplate.forEach((template, numbers) -> copy.put(template, Set.copyOf(numbers)));
        LATEST.set(Map.copyOf(copy));
    }

    /**
     * The invocations of a test template the run asked for by unique id.
     *
     * @param templateUniqueId the test template's unique id
     * @return the invocation numbers, from 1, in ascending order; empty when the run did not name any, so that
     *     it runs what the filter and shard select
     */
    public static Set<Integer> of(String templateUniqueId) {
        return new TreeSet<>(LATEST.get().getOrDefault(templateUniqueId, Set.of()));
    }
}
