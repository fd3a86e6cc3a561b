package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The critical path through the steps of a run's builds, from their recorded times. */
class CriticalPathTest {

    @Test
    void theChainThatEndedLastIsCriticalAndABuildBesideItIsNot() {
        Map<String, Object> uiInstall = step("BUILT", 0, 4_000);
        Map<String, Object> uiBuild = step("BUILT", 4_010, 6_000);
        Map<String, Object> baseCached = step("CACHED", 0, 0);
        Map<String, Object> baseCopy = step("BUILT", 6_050, 6_500);
        Map<String, Object> basePackage = step("BUILT", 6_510, 9_000);
        Map<String, Object> recipe = step("BUILT", 100, 5_000);
        List<Map<String, Object>> pipelines = List.of(
                pipeline(uiInstall, uiBuild),
                pipeline(baseCached, baseCopy, basePackage),
                pipeline(recipe));

        CriticalPath.mark(pipelines);

        assertThat(List.of(uiInstall, uiBuild, baseCopy, basePackage)).allMatch(step -> step.containsKey("critical"));
        assertThat(List.of(baseCached, recipe)).noneMatch(step -> step.containsKey("critical"));
    }

    @Test
    void aPullFromTheRegistryCacheIsOnThePathAsABuildIs() {
        Map<String, Object> pulled = step("PULLED", 0, 8_000);
        Map<String, Object> builtOnIt = step("BUILT", 8_010, 9_000);
        Map<String, Object> shortBuild = step("BUILT", 0, 3_000);

        CriticalPath.mark(List.of(pipeline(pulled, builtOnIt), pipeline(shortBuild)));

        assertThat(List.of(pulled, builtOnIt)).allMatch(step -> step.containsKey("critical"));
        assertThat(shortBuild).doesNotContainKey("critical");
    }

    @Test
    void aRunThatBuiltNothingHasNoCriticalPath() {
        Map<String, Object> cached = step("CACHED", 10, 10);

        CriticalPath.mark(List.of(pipeline(cached)));

        assertThat(cached).doesNotContainKey("critical");
    }

    private static Map<String, Object> step(String status, long start, long end) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("status", status);
        step.put("start", start);
        step.put("end", end);
        return step;
    }

    @SafeVarargs
    private static Map<String, Object> pipeline(Map<String, Object>... steps) {
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("steps", new ArrayList<>(List.of(steps)));
        pipeline.put("branches", List.of());
        return pipeline;
    }
}
