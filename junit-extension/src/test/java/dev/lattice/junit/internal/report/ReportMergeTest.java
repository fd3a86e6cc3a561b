package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.junit.Axis;
import dev.lattice.junit.MatrixTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard reports of real launcher runs, merged by the {@code lattice-report merge} command. */
class ReportMergeTest {

    @TempDir
    Path dir;

    @Test
    void twoShardReportsMergeIntoOneGridWithEveryCellOnce() throws Exception {
        Path first = dir.resolve("shard-1");
        Path second = dir.resolve("shard-2");
        LauncherRun one = LauncherRun.of(SixCells.class, first, "lattice.matrix.shard=1/2");
        LauncherRun two = LauncherRun.of(SixCells.class, second, "lattice.matrix.shard=2/2");
        assertThat(one.summary().getTestsSucceededCount() + two.summary().getTestsSucceededCount()).isEqualTo(6);
        assertThat(one.summary().getTestsSucceededCount()).isBetween(1L, 5L);

        // Each shard's own grid shows all six cells: those of the other shard as filtered out.
        assertThat(statuses(LatticeReport.read(first))).hasSize(6).containsOnly("PASSED", "FILTERED");
        assertThat(statuses(LatticeReport.read(first))).filteredOn("PASSED"::equals)
                .hasSize((int) one.summary().getTestsSucceededCount());

        Path merged = dir.resolve("merged");
        String printed = LatticeReport.run(List.of("merge", "--out", merged.toString(), first.toString(),
                second.resolve("report.json").toString()));

        assertThat(printed).startsWith("[lattice] Merged 2 reports: ").endsWith(merged.resolve("index.html")
                .toUri().toString());
        Map<String, Object> report = LatticeReport.read(merged);
        List<Map<String, Object>> matrices = maps(report.get("matrices"));
        assertThat(matrices).hasSize(1);
        List<Map<String, Object>> cells = maps(matrices.get(0).get("cells"));
        assertThat(cells).extracting(cell -> Json.write(cell.get("axes"))).doesNotHaveDuplicates().hasSize(6);
        assertThat(cells).extracting(cell -> cell.get("status")).containsOnly("PASSED");
        assertThat(cells).extracting(cell -> cell.get("shard")).containsOnly("shard 1/2", "shard 2/2");
        assertThat(maps(report.get("runs"))).extracting(run -> run.get("label"))
                .containsExactly("shard 1/2", "shard 2/2");
        assertThat(Files.readString(merged.resolve("index.html"))).contains("Lattice run report")
                .doesNotContain("/*LATTICE_REPORT_DATA*/");
    }

    @Test
    void eachRunPrintsWhereItsPageIsAndPerMatrixItsCountsAndSlowestCell() {
        LauncherRun run = LauncherRun.of(SixCells.class, dir.resolve("report"));

        assertThat(run.console()).containsPattern(
                "\\[lattice] ReportMergeTest\\$SixCells\\.cell: 6 passed, 0 failed, 0 skipped; slowest: x=\\d, y=\\w \\(\\d+\\.\\d s\\)")
                .contains("[lattice] Run report: " + dir.resolve("report").resolve("index.html").toUri());
        assertThat(dir.resolve("report").resolve("report.json")).isRegularFile();
    }

    @Test
    void theReportCanBeTurnedOff() {
        LauncherRun run = LauncherRun.of(SixCells.class, dir.resolve("off"), "lattice.report.enabled=false");

        assertThat(run.summary().getTestsSucceededCount()).isEqualTo(6);
        assertThat(dir.resolve("off")).doesNotExist();
        assertThat(run.console()).doesNotContain("[lattice] Run report");
    }

    @Test
    void mergeNamesWhatIsNotAReport() throws Exception {
        Files.writeString(dir.resolve("other.json"), "{\"format\":\"something else\"}");

        assertThatThrownBy(() -> LatticeReport.run(List.of("merge", dir.resolve("missing").toString())))
                .hasMessage("No report at " + dir.resolve("missing").toAbsolutePath()
                        + "; pass a directory that a Lattice run wrote (target/lattice-report by default) or its"
                        + " report.json");
        assertThatThrownBy(() -> LatticeReport.run(List.of("merge", dir.resolve("other.json").toString())))
                .hasMessage(dir.resolve("other.json").toAbsolutePath() + " is not a lattice-report/1 report;"
                        + " pass report.json files that a Lattice run wrote");
        assertThatThrownBy(() -> LatticeReport.run(List.of("combine")))
                .hasMessage("Usage: lattice-report merge [--out DIR] REPORT_DIR_OR_JSON...");
    }

    @Test
    void dataInTheScriptElementCannotEndItOrStartMarkup() {
        String json = Json.writeForScript(Map.of("log", "</script><script>alert(1)</script> & \u2028"));

        assertThat(json).doesNotContain("<", ">", "&", "\u2028")
                .isEqualTo("{\"log\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"
                        + " \\u0026 \\u2028\"}");
        assertThat(Json.parse(json)).isEqualTo(Map.of("log", "</script><script>alert(1)</script> & \u2028"));
    }

    private static List<Object> statuses(Map<String, Object> report) {
        return maps(maps(report.get("matrices")).get(0).get("cells")).stream().map(cell -> cell.get("status"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static class SixCells {

        @MatrixTest
        @Axis(name = "x", values = {"1", "2", "3"})
        @Axis(name = "y", values = {"a", "b"})
        void cell() {
        }
    }
}
