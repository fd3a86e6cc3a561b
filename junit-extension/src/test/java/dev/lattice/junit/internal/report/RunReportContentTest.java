package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.junit.Axis;
import dev.lattice.junit.MatrixTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What report.json holds after real launcher runs, for what the browser test does not show. */
class RunReportContentTest {

    @TempDir
    Path dir;

    @Test
    void aMatrixWhoseDeclarationIsBrokenIsListedWithItsError() throws Exception {
        LauncherRun.of(BrokenAndWhole.class, dir);

        Map<String, Object> report = LatticeReport.read(dir);
        assertThat(maps(report.get("matrices"))).extracting(matrix -> matrix.get("method")).containsExactly("whole");
        assertThat(maps(report.get("tests"))).singleElement().satisfies(test -> {
            assertThat(test.get("displayName")).isEqualTo("broken(String)");
            assertThat(test.get("status")).isEqualTo("FAILED");
            assertThat((String) ((Map<?, ?>) test.get("failure")).get("message"))
                    .contains("@Axis \"empty\"").contains("has no values");
        });
    }

    @Test
    void aCellRecordsItsTimesAndTheGridItsAxesInDeclarationOrder() throws Exception {
        LauncherRun.of(BrokenAndWhole.class, dir);

        Map<String, Object> matrix = maps(LatticeReport.read(dir).get("matrices")).get(0);
        assertThat(maps(matrix.get("axes"))).extracting(axis -> axis.get("name")).containsExactly("size", "shape");
        List<Map<String, Object>> cells = maps(matrix.get("cells"));
        assertThat(cells).extracting(cell -> Json.write(cell.get("axes")))
                .containsExactly("{\"size\":\"s\",\"shape\":\"round\"}", "{\"size\":\"l\",\"shape\":\"round\"}");
        assertThat(cells).allSatisfy(cell -> {
            assertThat(cell.get("status")).isEqualTo("PASSED");
            assertThat(((Number) cell.get("end")).longValue()).isGreaterThanOrEqualTo(((Number) cell.get("start")).longValue());
            assertThat((String) cell.get("uniqueId")).contains("[test-template-invocation:#");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    static class BrokenAndWhole {

        @MatrixTest
        @Axis(name = "empty", values = {})
        void broken(String unused) {
        }

        @MatrixTest
        @Axis(name = "size", values = {"s", "l"})
        @Axis(name = "shape", values = "round")
        void whole() {
        }
    }
}
