package dev.lattice.junit.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code lattice-report} command: {@code merge [--out DIR] REPORT...} merges the reports of a run sharded across
 * machines into one page, each cell once. A REPORT is a report directory or its {@code report.json}.
 *
 * <pre>
 * mvn -q -pl junit-extension exec:java -Dexec.mainClass=dev.lattice.junit.internal.report.LatticeReport \
 *     -Dexec.args="merge --out target/lattice-report shard-1/lattice-report shard-2/lattice-report"
 * </pre>
 */
public final class LatticeReport {

    private static final String USAGE = "Usage: lattice-report merge [--out DIR] REPORT_DIR_OR_JSON...";

    private LatticeReport() {
    }

    /**
     * Runs the command; exits with status 2 on a usage error and 1 when a report cannot be read or written.
     *
     * @param args {@code merge}, optionally {@code --out DIR} (default {@code lattice-report-merged}), then reports
     */
    public static void main(String[] args) {
        try {
            System.out.println(run(List.of(args)));
        } catch (IllegalArgumentException usage) {
            System.err.println(usage.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException failed) {
            System.err.println("lattice-report: " + failed.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the command.
     *
     * @param args as for {@link #main}
     * @return the line to print: where the merged page is
     * @throws IOException if a report cannot be read or the merged one written
     * @throws IllegalArgumentException on a usage error, with the usage
     */
    static String run(List<String> args) throws IOException {
        if (args.isEmpty() || !"merge".equals(args.get(0))) {
            throw new IllegalArgumentException(USAGE);
        }
        Path out = Path.of("lattice-report-merged");
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            if ("--out".equals(args.get(i))) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("--out needs a directory. " + USAGE);
                }
                out = Path.of(args.get(++i));
            } else {
                inputs.add(Path.of(args.get(i)));
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Name the reports to merge. " + USAGE);
        }
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Path input : inputs) {
            reports.add(read(input));
        }
        Path page = ReportWriter.write(ReportMerge.merge(reports), out);
        return "[lattice] Merged " + reports.size() + " reports: " + page.toUri();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path input) throws IOException {
        Path json = Files.isDirectory(input) ? input.resolve("report.json") : input;
        if (!Files.isRegularFile(json)) {
            throw new IOException("No report at " + json.toAbsolutePath() + "; pass a directory that a Lattice run"
                    + " wrote (target/lattice-report by default) or its report.json");
        }
        Object parsed = Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        if (!(parsed instanceof Map<?, ?> map) || !RunReport.FORMAT.equals(map.get("format"))) {
            throw new IOException(json.toAbsolutePath() + " is not a " + RunReport.FORMAT
                    + " report; pass report.json files that a Lattice run wrote");
        }
        return (Map<String, Object>) parsed;
    }
}
