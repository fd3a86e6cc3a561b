package dev.lattice.junit.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the reports of shards of one run: one grid per matrix in which each cell appears once, taken from the
 * shard that ran it (a cell that no shard ran stays filtered out); every shard's pipelines, services and plain
 * tests, each labelled with its shard.
 */
final class ReportMerge {

    private ReportMerge() {
    }

    /**
     * Merges reports.
     *
     * @param reports the shards' reports, as read from their {@code report.json}
     * @return the merged report, in the same format
     */
    static Map<String, Object> merge(List<Map<String, Object>> reports) {
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("format", RunReport.FORMAT);
        List<Object> runs = new ArrayList<>();
        Map<String, Map<String, Object>> matrices = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Object>>> cells = new LinkedHashMap<>();
        List<Object> pipelines = new ArrayList<>();
        List<Object> services = new ArrayList<>();
        List<Object> tests = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            Map<String, Object> report = reports.get(i);
            String label = label(report, i);
            for (Map<String, Object> run : maps(report.get("runs"))) {
                Map<String, Object> labelled = new LinkedHashMap<>(run);
                labelled.put("label", label);
                runs.add(labelled);
            }
            for (Map<String, Object> matrix : maps(report.get("matrices"))) {
                String id = String.valueOf(matrix.get("id"));
                Map<String, Object> target = matrices.computeIfAbsent(id, key -> {
                    Map<String, Object> copy = new LinkedHashMap<>(matrix);
                    copy.put("shard", "");
                    return copy;
                });
                target.put("shard", join(target.get("shard"), matrix.get("shard")));
                Map<String, Map<String, Object>> byAxes = cells.computeIfAbsent(id, key -> new LinkedHashMap<>());
                for (Map<String, Object> cell : maps(matrix.get("cells"))) {
                    String key = Json.write(cell.get("axes"));
                    Map<String, Object> labelled = new LinkedHashMap<>(cell);
                    labelled.put("shard", label);
                    Map<String, Object> known = byAxes.get(key);
                    if (known == null || rank(labelled) > rank(known)) {
                        byAxes.put(key, labelled);
                    }
                }
            }
            pipelines.addAll(labelled(report.get("pipelines"), label));
            services.addAll(labelled(report.get("services"), label));
            tests.addAll(labelled(report.get("tests"), label));
        }
        List<Object> mergedMatrices = new ArrayList<>();
        matrices.forEach((id, matrix) -> {
            matrix.put("cells", new ArrayList<>(cells.get(id).values()));
            mergedMatrices.add(matrix);
        });
        merged.put("runs", runs);
        merged.put("matrices", mergedMatrices);
        merged.put("pipelines", pipelines);
        merged.put("services", services);
        merged.put("tests", tests);
        return merged;
    }

    /** A cell that ran outranks one that was selected but not run, which outranks one filtered out here. */
    private static int rank(Map<String, Object> cell) {
        return switch (String.valueOf(cell.get("status"))) {
            case "PASSED", "FAILED", "ABORTED", "SKIPPED" -> 3;
            case "NOT_RUN" -> 2;
            case "FILTERED" -> 1;
            default -> 0;
        };
    }

    private static String label(Map<String, Object> report, int position) {
        for (Map<String, Object> run : maps(report.get("runs"))) {
            Object shard = run.get("shard");
            if (shard != null && !String.valueOf(shard).isEmpty()) {
                return "shard " + shard;
            }
        }
        return "report " + (position + 1);
    }

    private static String join(Object known, Object more) {
        Set<String> parts = new LinkedHashSet<>();
        for (Object value : new Object[] {known, more}) {
            if (value != null) {
                for (String part : String.valueOf(value).split(", ")) {
                    if (!part.isEmpty()) {
                        parts.add(part);
                    }
                }
            }
        }
        return String.join(", ", parts);
    }

    private static List<Object> labelled(Object items, String label) {
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> item : maps(items)) {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            copy.put("shard", label);
            out.add(copy);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    out.add((Map<String, Object>) map);
                }
            }
        }
        return out;
    }
}
