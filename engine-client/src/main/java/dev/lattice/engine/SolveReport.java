package dev.lattice.engine;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a solve of one pipeline did, step by step, and for each rebuilt step which input changed
 * since the previous solve of the same pipeline name.
 *
 * @param pipelineName the pipeline's name
 * @param steps        one entry per step, in order
 * @param duration     wall time of the solve
 */
public record SolveReport(String pipelineName, List<StepReport> steps, Duration duration) {

    public SolveReport {
        steps = List.copyOf(steps);
    }

    /**
     * One step of a solve.
     *
     * @param index       1-based index
     * @param description e.g. {@code RUN make}
     * @param status      cached (locally), pulled (from the registry cache), built, failed or skipped
     * @param duration    time the step took (zero when cached or skipped)
     * @param cacheKey    the step's cache key (SHA-256, hex)
     * @param changes     for a rebuilt step: which inputs changed since the last solve (a file, an
     *                    argument, the parent); empty when cached, or when there is no earlier solve
     */
    public record StepReport(int index, String description, StepStatus status, Duration duration, String cacheKey,
                             List<String> changes) {
        public StepReport {
            changes = List.copyOf(changes);
        }
    }

    /** Returns how many steps have the given status. */
    public long count(StepStatus status) {
        return steps.stream().filter(step -> step.status() == status).count();
    }

    /** Returns a printable explanation, one line per step plus one per changed input. */
    public String format() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "Pipeline %s solved in %.2fs%n",
                pipelineName, duration.toMillis() / 1000.0));
        for (StepReport step : steps) {
            text.append(String.format(Locale.ROOT, "  %d/%d %-7s %s%n", step.index(), steps.size(),
                    step.status() == StepStatus.CACHED ? "LOCAL" : step.status(), step.description()));
            step.changes().forEach(change -> text.append("        changed: ").append(change).append('\n'));
        }
        return text.toString();
    }
}
