package dev.lattice.junit.internal.report;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The recorders of the test plans executing in this JVM, each owned by the {@link RunReportListener} of its launcher
 * (which adds it when its plan starts and removes it when the plan ends). The extension finds the recorder of its
 * own run by a test's unique id, which lies in exactly one executing plan, so a launcher run nested inside a test
 * (as the report's own tests do) records into its own report and not its caller's.
 */
public final class RunRecorders {

    // Few plans run at once (usually one), and lookups vastly outnumber changes.
    private static final List<RunRecorder> ACTIVE = new CopyOnWriteArrayList<>();

    private RunRecorders() {
    }

    static void add(RunRecorder recorder) {
        ACTIVE.add(recorder);
    }

    static void remove(RunRecorder recorder) {
        ACTIVE.remove(recorder);
    }

    /**
     * The recorder of the run that a context belongs to.
     *
     * @param context any extension context
     * @return the recorder of the plan that holds the context's test or one of its parents; the disabled recorder
     *     when no report listener runs this plan
     */
    public static RunRecorder of(ExtensionContext context) {
        if (ACTIVE.isEmpty()) {
            return RunRecorder.disabled();
        }
        RunRecorder[] active = ACTIVE.toArray(new RunRecorder[0]);
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            String uniqueId = current.get().getUniqueId();
            // The newest plan first: a nested run's ids are never in its caller's plan, but this finds it sooner.
            for (int i = active.length - 1; i >= 0; i--) {
                RunRecorder recorder = active[i];
                if (recorder.owns(uniqueId)) {
                    return recorder;
                }
            }
        }
        return RunRecorder.disabled();
    }
}
