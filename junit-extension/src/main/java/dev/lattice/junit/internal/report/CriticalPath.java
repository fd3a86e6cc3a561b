package dev.lattice.junit.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Marks the critical path of a run's builds: the chain of steps that ran, ending with the step that ended last,
 * where each step's predecessor is the step that ended last before it started (its parent or a source it copies
 * from: a step starts as soon as those are done). Shortening any step on it would end the builds sooner.
 */
final class CriticalPath {

    /** A step that starts within this long after another ends is taken to have waited for it. */
    private static final long SLACK_MS = 250;

    private CriticalPath() {
    }

    /**
     * Sets {@code "critical": true} on the steps of the critical path.
     *
     * @param pipelines the report's pipelines, each with {@code steps} and {@code branches}
     */
    static void mark(List<Map<String, Object>> pipelines) {
        List<Map<String, Object>> ran = new ArrayList<>();
        for (Map<String, Object> pipeline : pipelines) {
            collect(pipeline, ran);
            for (Map<String, Object> branch : list(pipeline.get("branches"))) {
                collect(branch, ran);
            }
        }
        Map<String, Object> current = null;
        for (Map<String, Object> step : ran) {
            if (current == null || time(step, "end") > time(current, "end")) {
                current = step;
            }
        }
        while (current != null) {
            current.put("critical", true);
            long start = time(current, "start");
            Map<String, Object> before = null;
            for (Map<String, Object> step : ran) {
                long end = time(step, "end");
                if (step != current && !step.containsKey("critical") && end <= start + SLACK_MS
                        && time(step, "start") < start && (before == null || end > time(before, "end"))) {
                    before = step;
                }
            }
            current = before;
        }
    }

    private static void collect(Map<String, Object> pipeline, List<Map<String, Object>> ran) {
        for (Map<String, Object> step : list(pipeline.get("steps"))) {
            Object status = step.get("status");
            // A pull from the registry cache takes time on the path as a build does.
            if (("BUILT".equals(status) || "FAILED".equals(status) || "PULLED".equals(status))
                    && step.containsKey("start")) {
                ran.add(step);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static long time(Map<String, Object> step, String key) {
        return ((Number) step.get(key)).longValue();
    }
}
