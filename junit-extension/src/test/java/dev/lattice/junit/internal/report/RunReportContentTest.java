package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.Axis;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

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

    @Test
    void aSecondPlanOfTheSameLauncherSessionReportsThePipelinesAndServicesItUsed() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        try (LauncherSession session = LauncherFactory.openSession()) {
            // As Surefire's rerun of failed tests does: the session's pipeline and service outlive the first plan.
            for (Path reportDir : List.of(first, second)) {
                TestExecutionSummary summary = LauncherRun.in(session.getLauncher(), Rerun.class, reportDir).summary();
                assertThat(summary.getTestsSucceededCount()).as(() -> "passed; failures: " + summary.getFailures()
                        .stream().map(failure -> String.valueOf(failure.getException())).toList()).isEqualTo(2);
            }
        }

        for (Path reportDir : List.of(first, second)) {
            Map<String, Object> report = LatticeReport.read(reportDir);
            assertThat(maps(report.get("pipelines"))).as("pipelines in %s", reportDir)
                    .extracting(pipeline -> pipeline.get("name")).containsExactly("rerunApp");
            assertThat(maps(maps(report.get("pipelines")).get(0).get("steps"))).as("steps in %s", reportDir)
                    .isNotEmpty();
            assertThat(maps(report.get("services"))).as("services in %s", reportDir).singleElement()
                    .satisfies(service -> assertThat(service.get("name")).isEqualTo("rerun-talker"));
            assertThat(maps(maps(report.get("matrices")).get(0).get("cells"))).as("cells in %s", reportDir)
                    .allSatisfy(cell -> assertThat(maps(cell.get("services")))
                            .extracting(used -> used.get("name")).containsExactly("rerun-talker"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Lattice
    static class Rerun {

        @PipelineContainer
        static Container rerunApp() {
            return Container.from("debian:bookworm-slim").withExec("sh", "-c", "echo rerun > /rerun.txt");
        }

        @ServiceContainer
        static ServiceSpec rerunTalker(@PipelineContainer("rerunApp") Image app) {
            return ServiceSpec.of(app).withCommand("sh", "-c", "echo listening; sleep infinity")
                    .waitingFor(Ready.logLine("listening", 1));
        }

        @MatrixTest
        @Axis(name = "size", values = {"s", "l"})
        void cell(@ServiceContainer("rerunTalker") Service talker) {
            // A camel-case method name is spelt as a host name on the run's network.
            assertThat(talker.networkAlias()).isEqualTo("rerun-talker");
        }
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
