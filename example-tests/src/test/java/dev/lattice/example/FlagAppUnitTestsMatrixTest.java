package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.ExecOptions;
import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.MediaType;

/**
 * The flags app's own unit tests, run the way its team runs them: inside the base image (toolchain and source),
 * as an exec step bound to each database, one cell per database. The inner Surefire reports are attached to the
 * cell, and their failures are the cell's failure.
 */
// tag::unit-tests[]
@Lattice
class FlagAppUnitTestsMatrixTest implements FlagsPipelines {

    // Maven's output, its exit code and its reports land in one directory, which the cell then reads in one go.
    private static final String RUN_TESTS = "mkdir -p /tmp/unit-tests; mvn -B -o test > /tmp/unit-tests/maven.log 2>&1;"
            + " echo $? > /tmp/unit-tests/exit; cp target/surefire-reports/TEST-*.xml /tmp/unit-tests/ 2>/dev/null; exit 0";

    @MatrixTest
    @Axis(name = "db", values = {"sqlite", "postgres", "mariadb"})
    void appUnitTests(Cell cell, Engine engine, @PipelineContainer("base") Container base,
                      @ServiceContainer(axis = "db") Database db, TestReporter reporter) throws Exception {
        Container bound = db.service().map(server -> base.withServiceBinding(db.kind(), server)).orElse(base);
        // Cached like any step: the tests run again when the source, the dependencies or the database change.
        Container tests = bound.withExec(List.of("sh", "-c", RUN_TESTS), ExecOptions.defaults()
                .withEnv("FLAGS_TEST_DB_URL", db.jdbcUrlInNetwork())
                .withEnv("FLAGS_TEST_DB_USER", db.username())
                .withEnv("FLAGS_TEST_DB_PASSWORD", db.password()));
        String pipeline = "unit-tests " + cell;
        Map<String, byte[]> outputs = engine.readDirectory(pipeline, tests, "/tmp/unit-tests");

        String log = text(outputs, "maven.log");
        InnerTestReport report = new InnerTestReport(0, List.of());
        for (Map.Entry<String, byte[]> file : outputs.entrySet()) {
            if (file.getKey().endsWith(".xml")) {
                reporter.publishFile(file.getKey(), MediaType.parse("application/xml"),
                        path -> Files.write(path, file.getValue()));
                report = report.plus(InnerTestReport.parse(file.getValue()));
            }
        }
        reporter.publishEntry("inner tests", report.tests() + " run, " + report.failures().size() + " failed");

        assertThat(report.failures()).as("failures of the app's unit tests on %s", db.kind()).isEmpty();
        assertThat(report.tests()).as("unit tests run on %s; Maven's output:%n%s", db.kind(), log).isPositive();
        assertThat(text(outputs, "exit").strip()).as("Maven's exit code; its output:%n%s", log).isEqualTo("0");
    }

    private static String text(Map<String, byte[]> outputs, String name) {
        return new String(outputs.getOrDefault(name, new byte[0]), StandardCharsets.UTF_8);
    }
}
// end::unit-tests[]
