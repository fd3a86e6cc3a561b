package dev.lattice.engine.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The steps of a plan worth asking the registry cache about: those the local walk would reach and not find, walking
 * back from the last step (and from the step a copy reads in each pipeline it copies from) to the first step found
 * locally. Nothing when the last step is local: a warm run makes no lookup at all.
 */
final class RemoteCandidates {

    private RemoteCandidates() {
    }

    /**
     * Returns the keys, newest first per pipeline, the plan's last step first.
     *
     * @param known whether this JVM already has or is making a step (so the walk stops there, as the solve would)
     */
    static List<String> of(PipelinePlan plan, ImageIndex index, Predicate<String> known) {
        Set<String> keys = new LinkedHashSet<>();
        walk(plan, plan.layers().size() - 1, index, known, keys);
        return List.copyOf(keys);
    }

    private static void walk(PipelinePlan plan, int from, ImageIndex index, Predicate<String> known,
                             Set<String> keys) {
        for (int i = from; i >= 0; i--) {
            Layer layer = plan.layers().get(i);
            if (!layer.isVolatile()) {
                if (index.cacheEntry(layer.key()).isPresent() || known.test(layer.key())) {
                    return;
                }
                if (!keys.add(layer.key())) {
                    return; // Walked from here already (a source shared by two copies).
                }
            }
            for (PipelinePlan source : layer.dependencies()) {
                walk(source, source.lastFilesystemLayer(), index, known, keys);
            }
        }
    }
}
