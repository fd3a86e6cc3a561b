package dev.lattice.junit.internal.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report's two files, {@code index.html} (the page, with the data inline) and {@code report.json} (the
 * data, for tools and for merging shards), and the console's summary of it.
 */
final class ReportWriter {

    private static final String TEMPLATE = "report.html";
    private static final String DATA_MARKER = "/*LATTICE_REPORT_DATA*/";

    private ReportWriter() {
    }

    /**
     * Writes the report of a run that ended now and prints its summary. A failure to write is printed, not thrown:
     * the report must never fail a run whose tests passed.
     *
     * @param recorder what the run recorded
     * @param settings where to write
     * @param console where the summary goes
     */
    static void write(RunRecorder recorder, ReportSettings settings, PrintStream console) {
        try {
            Map<String, Object> report = RunReport.of(recorder, System.currentTimeMillis());
            Path page = write(report, settings.dir());
            summary(report, page).forEach(console::println);
        } catch (RuntimeException | IOException failed) {
            console.println("[lattice] The run report could not be written to " + settings.dir().toAbsolutePath()
                    + ": " + failed + "; set " + ReportSettings.DIR + " to a writable directory, or "
                    + ReportSettings.ENABLED + "=false");
        }
    }

    /**
     * Writes a report's files into a directory, creating it.
     *
     * @param report the report's JSON tree
     * @param dir the directory
     * @return the page's path
     * @throws IOException if the files cannot be written
     */
    static Path write(Map<String, Object> report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path page = dir.resolve("index.html");
        Files.writeString(dir.resolve("report.json"), Json.write(report), StandardCharsets.UTF_8);
        Files.writeString(page, page(report), StandardCharsets.UTF_8);
        return page.toAbsolutePath();
    }

    /**
     * The page: the template with the report's JSON placed in its data element, escaped for a script element.
     *
     * @param report the report's JSON tree
     * @return the HTML
     */
    static String page(Map<String, Object> report) {
        String template;
        try (InputStream in = ReportWriter.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("The report template " + TEMPLATE + " is missing from the class path"
                        + " next to " + ReportWriter.class.getName() + "; rebuild lattice-junit-extension");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        int at = template.indexOf(DATA_MARKER);
        return template.substring(0, at) + Json.writeForScript(report)
                + template.substring(at + DATA_MARKER.length());
    }

    /**
     * The console's last Lattice lines: where the page is, and per matrix its counts and its slowest cell.
     *
     * @param report the report's JSON tree
     * @param page the page's path
     * @return the lines
     */
    @SuppressWarnings("unchecked")
    static List<String> summary(Map<String, Object> report, Path page) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> matrix : (List<Map<String, Object>>) report.get("matrices")) {
            int passed = 0;
            int failed = 0;
            int skipped = 0;
            Map<String, Object> slowest = null;
            for (Map<String, Object> cell : (List<Map<String, Object>>) matrix.get("cells")) {
                switch (String.valueOf(cell.get("status"))) {
                    case "PASSED" -> passed++;
                    case "FAILED", "ABORTED" -> failed++;
                    case "SKIPPED", "FILTERED", "NOT_RUN" -> skipped++;
                    default -> {
                        continue;
                    }
                }
                if (cell.containsKey("durationMs") && (slowest == null
                        || number(cell, "durationMs") > number(slowest, "durationMs"))) {
                    slowest = cell;
                }
            }
            String className = String.valueOf(matrix.get("className"));
            String line = String.format(Locale.ROOT, "[lattice] %s.%s: %d passed, %d failed, %d skipped",
                    className.substring(className.lastIndexOf('.') + 1), matrix.get("method"), passed, failed, skipped);
            if (slowest != null) {
                line += String.format(Locale.ROOT, "; slowest: %s (%.1f s)", slowest.get("displayName"),
                        number(slowest, "durationMs") / 1000.0);
            }
            lines.add(line);
        }
        lines.add("[lattice] Run report: " + page.toUri());
        return lines;
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
