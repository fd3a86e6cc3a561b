package dev.lattice.junit.internal.report;

import dev.lattice.engine.Engine;
import dev.lattice.engine.SolveReport;
import dev.lattice.junit.Cell;
import dev.lattice.junit.internal.Matrix;
import dev.lattice.junit.internal.MatrixAxis;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns what a {@link RunRecorder} saw into the report's data: one JSON tree of plain maps and lists, which
 * {@code report.json} holds and the page renders. Its shape is described in {@code report.html}.
 */
final class RunReport {

    /** The value of the report's {@code format} field; a merge accepts only this. */
    static final String FORMAT = "lattice-report/1";
    /** Published text files up to this size are shown in the page; bigger ones are named with their path. */
    private static final int MAX_FILE_CHARS = 200_000;
    private static final int MAX_DIRECTORY_FILES = 100;
    private static final Pattern SOURCE = Pattern.compile("(.+)-source(\\d+)");

    private RunReport() {
    }

    /**
     * The report of one run.
     *
     * @param recorder what the run recorded
     * @param endedAt when it ended, in epoch milliseconds
     * @return the report's JSON tree
     */
    static Map<String, Object> of(RunRecorder recorder, long endedAt) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("format", FORMAT);
        List<Map<String, Object>> matrices = matrices(recorder);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("host", hostName());
        run.put("shard", matrices.stream().map(matrix -> (String) matrix.get("shard"))
                .filter(shard -> !shard.isEmpty()).findFirst().orElse(""));
        run.put("start", recorder.startedAt());
        run.put("end", endedAt);
        report.put("runs", List.of(run));
        report.put("matrices", matrices);
        List<Map<String, Object>> pipelines = pipelines(recorder);
        CriticalPath.mark(pipelines);
        report.put("pipelines", pipelines);
        List<Map<String, Object>> services = services(recorder);
        configurations(matrices, services);
        report.put("services", services);
        report.put("tests", otherTests(recorder));
        return report;
    }

    /**
     * Names each service container by its configuration: the axis values that every cell that used it shares (one
     * container per distinct configuration, so {@code auth=on, store=postgres} for the flags app of those cells).
     */
    @SuppressWarnings("unchecked")
    private static void configurations(List<Map<String, Object>> matrices, List<Map<String, Object>> services) {
        Map<String, Map<String, String>> shared = new HashMap<>();
        for (Map<String, Object> matrix : matrices) {
            for (Map<String, Object> cell : (List<Map<String, Object>>) matrix.get("cells")) {
                Map<String, String> axes = (Map<String, String>) cell.get("axes");
                for (Map<String, Object> used : (List<Map<String, Object>>) cell.getOrDefault("services", List.of())) {
                    shared.merge((String) used.get("containerId"), new LinkedHashMap<>(axes), (known, more) -> {
                        known.entrySet().removeIf(pair -> !pair.getValue().equals(more.get(pair.getKey())));
                        return known;
                    });
                }
            }
        }
        Map<String, String> names = new HashMap<>();
        shared.forEach((id, axes) -> names.put(id, axes.entrySet().stream()
                .map(pair -> pair.getKey() + "=" + pair.getValue()).collect(Collectors.joining(", "))));
        for (Map<String, Object> service : services) {
            service.put("configuration", names.getOrDefault((String) service.get("containerId"), ""));
        }
        for (Map<String, Object> matrix : matrices) {
            for (Map<String, Object> cell : (List<Map<String, Object>>) matrix.get("cells")) {
                for (Map<String, Object> used : (List<Map<String, Object>>) cell.getOrDefault("services", List.of())) {
                    used.put("configuration", names.getOrDefault((String) used.get("containerId"), ""));
                }
            }
        }
    }

    private static List<Map<String, Object>> matrices(RunRecorder recorder) {
        Map<String, List<RunRecorder.TestRecord>> byParent = new HashMap<>();
        for (RunRecorder.TestRecord test : recorder.tests().values()) {
            if (test.parentId != null) {
                byParent.computeIfAbsent(test.parentId, key -> new ArrayList<>()).add(test);
            }
        }
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (RunRecorder.MatrixRecord matrix : recorder.matrices()) {
            matrices.add(matrix(recorder, matrix, byParent.getOrDefault(matrix.uniqueId(), List.of())));
        }
        return matrices;
    }

    private static Map<String, Object> matrix(RunRecorder recorder, RunRecorder.MatrixRecord matrix,
                                              List<RunRecorder.TestRecord> invocations) {
        // Each invocation to its cell: by the link the cell recorded when it ran, else by its display name.
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < matrix.cells().size(); i++) {
            byName.putIfAbsent(matrix.displayNames().get(i), matrix.cells().get(i).index());
        }
        Map<Integer, RunRecorder.TestRecord> byIndex = new HashMap<>();
        for (RunRecorder.TestRecord invocation : invocations) {
            Cell linked = recorder.cellsByTest().get(invocation.uniqueId);
            Integer index = linked != null ? Integer.valueOf(linked.index()) : byName.get(invocation.displayName);
            if (index != null) {
                byIndex.putIfAbsent(index, invocation);
            }
        }
        Map<Map<String, String>, Integer> indexOf = new HashMap<>();
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < matrix.cells().size(); i++) {
            Cell cell = matrix.cells().get(i);
            indexOf.put(cell.axes(), cell.index());
            names.put(cell.index(), matrix.displayNames().get(i));
        }

        List<Map<String, Object>> cells = new ArrayList<>();
        for (Map<String, String> combination : Matrix.combinations(matrix.axes())) {
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("axes", combination);
            Integer index = indexOf.get(combination);
            if (index == null) {
                cell.put("status", "EXCLUDED");
                cell.put("reason", "removed by @ExcludeCell");
                cells.add(cell);
                continue;
            }
            cell.put("index", index);
            cell.put("displayName", names.get(index));
            RunRecorder.TestRecord test = byIndex.get(index);
            boolean selected = matrix.selected().contains(index);
            if (test == null || !selected) {
                // A cell the filter or shard leaves out still runs as a skipped invocation (its unique id stays
                // stable); the grid shows it as filtered out, not as a skipped test.
                cell.put("status", selected ? "NOT_RUN" : "FILTERED");
                cell.put("reason", selected ? "selected, but the run ended before it ran" : selection(matrix));
            } else {
                cell(recorder, test, cell);
            }
            cells.add(cell);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", matrix.uniqueId());
        json.put("className", matrix.className());
        json.put("method", matrix.methodName());
        json.put("displayName", matrix.displayName());
        List<Map<String, Object>> axes = new ArrayList<>();
        for (MatrixAxis axis : matrix.axes()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", axis.name());
            a.put("values", axis.values());
            axes.add(a);
        }
        json.put("axes", axes);
        json.put("layout", matrix.reportAxes());
        json.put("filter", matrix.filter());
        json.put("shard", matrix.shard());
        json.put("cells", cells);
        return json;
    }

    private static String selection(RunRecorder.MatrixRecord matrix) {
        List<String> parts = new ArrayList<>();
        if (!matrix.filter().isEmpty()) {
            parts.add("lattice.matrix.filter=" + matrix.filter());
        }
        if (!matrix.shard().isEmpty()) {
            parts.add("lattice.matrix.shard=" + matrix.shard());
        }
        return parts.isEmpty() ? "not selected to run here" : "not selected by " + String.join(" and ", parts);
    }

    private static void cell(RunRecorder recorder, RunRecorder.TestRecord test, Map<String, Object> cell) {
        cell.put("uniqueId", test.uniqueId);
        cell.put("displayName", test.displayName);
        cell.put("status", status(test.status()));
        times(test, cell);
        if (test.trace() != null) {
            cell.put("failure", Map.of("message", test.message(), "trace", test.trace()));
        } else if (test.message() != null) {
            cell.put("reason", test.message());
        }
        entriesAndFiles(test, cell);
        List<Map<String, Object>> used = new ArrayList<>();
        for (String containerId : recorder.servicesByTest().getOrDefault(test.uniqueId, Set.of())) {
            RunRecorder.ServiceRecord service = recorder.services().get(containerId);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", service == null ? "?" : service.name);
            s.put("containerId", shortId(containerId));
            used.add(s);
        }
        used.sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
        cell.put("services", used);
    }

    private static void times(RunRecorder.TestRecord test, Map<String, Object> json) {
        if (test.start() > 0) {
            json.put("start", test.start());
            json.put("end", test.end() > 0 ? test.end() : test.start());
            json.put("durationMs", Math.max(0, test.end() - test.start()));
        }
    }

    private static void entriesAndFiles(RunRecorder.TestRecord test, Map<String, Object> json) {
        List<Map<String, Object>> entries = new ArrayList<>();
        List<String> logs = new ArrayList<>();
        for (String[] entry : test.entries()) {
            if ("service logs".equals(entry[0])) {
                logs.add(entry[1]);
            } else {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", entry[0]);
                e.put("value", entry[1]);
                entries.add(e);
            }
        }
        json.put("entries", entries);
        json.put("serviceLogs", logs);
        List<Map<String, Object>> files = new ArrayList<>();
        for (String[] file : test.files()) {
            Path path = Path.of(file[2]);
            if (Files.isDirectory(path)) {
                // A published directory: each of its files (the first MAX_DIRECTORY_FILES), named inside it.
                try (Stream<Path> inside = Files.walk(path)) {
                    inside.filter(Files::isRegularFile).sorted().limit(MAX_DIRECTORY_FILES).forEach(each -> files.add(
                            file(file[0] + "/" + path.relativize(each).toString().replace('\\', '/'), "", each)));
                } catch (IOException | RuntimeException unreadable) {
                    files.add(file(file[0] + "/", "", path));
                }
            } else {
                files.add(file(file[0], file[1], path));
            }
        }
        json.put("files", files);
    }

    private static Map<String, Object> file(String name, String mediaType, Path path) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("mediaType", mediaType);
        f.put("path", path.toAbsolutePath().toString());
        readText(path, mediaType).ifPresent(text -> f.put("content", text));
        return f;
    }

    private static Optional<String> readText(Path path, String mediaType) {
        String name = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT);
        boolean text = mediaType.startsWith("text/") || mediaType.contains("xml") || mediaType.contains("json")
                || name.endsWith(".xml") || name.endsWith(".txt") || name.endsWith(".log") || name.endsWith(".json");
        if (!text) {
            return Optional.empty();
        }
        try {
            if (Files.size(path) > MAX_FILE_CHARS * 4L) {
                return Optional.of("(" + Files.size(path) + " bytes: too large to show here; see "
                        + path.toAbsolutePath() + ")");
            }
            String content = Files.readString(path, StandardCharsets.UTF_8);
            return Optional.of(content.length() > MAX_FILE_CHARS
                    ? content.substring(0, MAX_FILE_CHARS) + "\n(cut at " + MAX_FILE_CHARS + " characters; see "
                    + path.toAbsolutePath() + ")" : content);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String status(String launcherStatus) {
        return switch (launcherStatus) {
            case "SUCCESSFUL" -> "PASSED";
            case "FAILED" -> "FAILED";
            case "ABORTED" -> "ABORTED";
            case "SKIPPED" -> "SKIPPED";
            default -> "NOT_RUN";
        };
    }

    private static List<Map<String, Object>> pipelines(RunRecorder recorder) {
        Set<String> names = new TreeSet<>(recorder.pipelineNames());
        // A source's steps belong to the pipeline that copies from it: shown there, as a branch.
        Set<String> main = new TreeSet<>();
        for (String name : names) {
            Matcher source = SOURCE.matcher(name);
            main.add(source.matches() ? source.group(1) : name);
        }
        Engine engine = recorder.engineOrNull();
        Map<String, RunRecorder.StepTiming> timings = recorder.steps();
        Map<String, List<String>> dependencies = recorder.pipelineDependencies();
        List<Map<String, Object>> pipelines = new ArrayList<>();
        Map<String, String> finalKeys = new HashMap<>();
        for (String name : dependencyOrder(main, dependencies)) {
            Map<String, Object> pipeline = pipeline(name, solveReport(engine, name), timings, null);
            if (pipeline == null) {
                continue;
            }
            List<Map<String, Object>> branches = new ArrayList<>();
            for (int n = 1; n < 100; n++) {
                String sourceName = name + "-source" + n;
                SolveReport report = solveReport(engine, sourceName);
                if (report == null && !names.contains(sourceName)) {
                    break;
                }
                Map<String, Object> branch = pipeline(sourceName, report, timings, name);
                if (branch != null) {
                    branches.add(branch);
                }
            }
            pipeline.put("branches", branches);
            pipeline.put("uses", dependencies.getOrDefault(name, List.of()));
            pipelines.add(pipeline);
            lastKey(pipeline).ifPresent(key -> finalKeys.putIfAbsent(key, name));
        }
        // Name each branch after the pipeline it is, when its last step is that pipeline's last step.
        for (Map<String, Object> pipeline : pipelines) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> branches = (List<Map<String, Object>>) pipeline.get("branches");
            for (Map<String, Object> branch : branches) {
                lastKey(branch).map(finalKeys::get).ifPresent(same -> branch.put("sameAs", same));
            }
        }
        return pipelines;
    }

    /** Declared pipelines after the ones they take, the others (built from a test, a recipe) after them by name. */
    private static List<String> dependencyOrder(Set<String> names, Map<String, List<String>> dependencies) {
        List<String> ordered = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String name : names) {
            if (dependencies.containsKey(name)) {
                visit(name, names, dependencies, visiting, ordered);
            }
        }
        for (String name : names) {
            if (!ordered.contains(name)) {
                ordered.add(name);
            }
        }
        return ordered;
    }

    private static void visit(String name, Set<String> names, Map<String, List<String>> dependencies,
                              Set<String> visiting, List<String> ordered) {
        if (ordered.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String dependency : dependencies.getOrDefault(name, List.of())) {
            visit(dependency, names, dependencies, visiting, ordered);
        }
        if (names.contains(name)) {
            ordered.add(name);
        }
    }

    private static Optional<String> lastKey(Map<String, Object> pipeline) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) pipeline.get("steps");
        return steps.isEmpty() ? Optional.empty()
                : Optional.ofNullable((String) steps.get(steps.size() - 1).get("cacheKey"));
    }

    private static SolveReport solveReport(Engine engine, String name) {
        if (engine == null) {
            return null;
        }
        try {
            return engine.lastReport(name);
        } catch (RuntimeException notSolved) {
            return null;
        }
    }

    private static Map<String, Object> pipeline(String name, SolveReport report,
                                                Map<String, RunRecorder.StepTiming> timings, String branchOf) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (report != null) {
            for (SolveReport.StepReport step : report.steps()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("index", step.index());
                s.put("description", step.description());
                s.put("status", step.status().name());
                s.put("durationMs", step.duration().toMillis());
                s.put("changes", step.changes());
                s.put("cacheKey", step.cacheKey());
                timing(timings.get(name + "#" + step.index()), s);
                steps.add(s);
            }
        } else {
            // No solve report (the engine was not reachable): the progress events alone.
            timings.entrySet().stream().filter(entry -> entry.getKey().startsWith(name + "#"))
                    .sorted((a, b) -> Integer.compare(stepIndex(a.getKey()), stepIndex(b.getKey())))
                    .forEach(entry -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("index", stepIndex(entry.getKey()));
                        s.put("description", "");
                        s.put("status", entry.getValue().status());
                        s.put("durationMs", entry.getValue().end() - entry.getValue().start());
                        s.put("changes", List.of());
                        timing(entry.getValue(), s);
                        steps.add(s);
                    });
        }
        if (steps.isEmpty() && report == null) {
            return null;
        }
        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("name", name);
        if (branchOf != null) {
            pipeline.put("branchOf", branchOf);
        }
        if (report != null) {
            pipeline.put("durationMs", report.duration().toMillis());
        }
        pipeline.put("steps", steps);
        return pipeline;
    }

    private static int stepIndex(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('#') + 1));
    }

    private static void timing(RunRecorder.StepTiming timing, Map<String, Object> step) {
        if (timing != null) {
            step.put("start", timing.start());
            step.put("end", timing.end());
        }
    }

    private static List<Map<String, Object>> services(RunRecorder recorder) {
        List<Map<String, Object>> services = new ArrayList<>();
        for (RunRecorder.ServiceRecord service : recorder.services().values()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", service.name);
            s.put("containerId", shortId(service.containerId));
            if (service.requested() > 0) {
                s.put("requested", service.requested());
                s.put("ready", service.ready());
            }
            if (service.stopped() > 0) {
                s.put("stopped", service.stopped());
            }
            services.add(s);
        }
        services.sort((a, b) -> Long.compare(((Number) a.getOrDefault("requested", 0L)).longValue(),
                ((Number) b.getOrDefault("requested", 0L)).longValue()));
        return services;
    }

    /**
     * Tests outside matrices (classes' plain tests), and failed containers (a matrix whose declaration is broken, a
     * class whose set-up failed), so the page accounts for every test and every failure of the run.
     */
    private static List<Map<String, Object>> otherTests(RunRecorder recorder) {
        Set<String> matrixIds = new HashSet<>();
        recorder.matrices().forEach(matrix -> matrixIds.add(matrix.uniqueId()));
        List<Map<String, Object>> tests = new ArrayList<>();
        for (RunRecorder.TestRecord test : recorder.tests().values()) {
            boolean failedContainer = !test.isTest && test.trace() != null;
            if (!test.isTest && !failedContainer || matrixIds.contains(test.parentId)) {
                continue;
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("uniqueId", test.uniqueId);
            t.put("displayName", test.displayName);
            t.put("status", status(test.status()));
            times(test, t);
            if (test.trace() != null) {
                t.put("failure", Map.of("message", test.message(), "trace", test.trace()));
            }
            entriesAndFiles(test, t);
            tests.add(t);
        }
        tests.sort((a, b) -> String.valueOf(a.get("uniqueId")).compareTo(String.valueOf(b.get("uniqueId"))));
        return tests;
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    private static String hostName() {
        String named = System.getenv("HOSTNAME") != null ? System.getenv("HOSTNAME") : System.getenv("COMPUTERNAME");
        if (named != null && !named.isBlank()) {
            return named;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException unknown) {
            return "localhost";
        }
    }
}
