package dev.lattice.junit.internal.session;

import dev.lattice.junit.internal.SelectedInvocations;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Records which test-template invocations a run selects by unique id (as an IDE's "rerun failed" does), for
 * {@link SelectedInvocations}. Registered through {@code META-INF/services}, so only the launcher loads it: the
 * extension itself needs no launcher class.
 */
public final class CellSelectorRecorder implements LauncherDiscoveryListener {

    @Override
    public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        Map<String, Set<Integer>> byTemplate = new HashMap<>();
        for (UniqueIdSelector selector : request.getSelectorsByType(UniqueIdSelector.class)) {
            UniqueId id = selector.getUniqueId();
            UniqueId.Segment last = id.getLastSegment();
            if (SelectedInvocations.SEGMENT_TYPE.equals(last.getType()) && last.getValue().matches("#[0-9]{1,9}")) {
                byTemplate.computeIfAbsent(id.removeLastSegment().toString(), template -> new HashSet<>())
                        .add(Integer.parseInt(last.getValue().substring(1)));
            }
        }
        SelectedInvocations.replace(byTemplate);
    }
}
