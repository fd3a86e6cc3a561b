package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A pipeline that fails under a service factory, as the example's distributable image does: the first cell that
 * reports the failure shows the failing step and its output, the others point to it, whatever started the build.
 */
class PipelineFailureReportTest {

    static final String NONCE = UUID.randomUUID().toString();
    static final String FIRST_LINE = "Step [distributable 1/2] RUN sh -c echo Reading package lists...;"
            + " echo E: Unable to locate package nosuchpkg; exit 100 failed with exit code 100;"
            + " last 2 lines of output:";

    @Test
    void theFirstCellShowsTheStepsOutputAndTheOthersPointToIt() {
        EngineRun run = EngineRun.of(BrokenServiceMatrix.class);

        List<String> messages = messages(run);
        assertThat(messages).hasSize(3);
        assertThat(messages).filteredOn(text -> text.contains("  | E: Unable to locate package nosuchpkg"))
                .singleElement().asString().contains(FIRST_LINE + "\n  | Reading package lists...");
        assertThat(messages).filteredOn(text -> !text.contains("Unable to locate package nosuchpkg\n")
                && !text.contains("  | ")).hasSize(2).allSatisfy(text -> assertThat(text).endsWith(
                "Pipeline \"distributable\" (BrokenServiceMatrix#distributable()) failed earlier in this run: "
                        + FIRST_LINE + " (the first test that needed it shows the step's output)"));
    }

    @Test
    void aSingleSelectedCellShowsTheStepsOutput() {
        EngineRun run = EngineRun.of(BrokenServiceMatrix.class, "lattice.matrix.filter=copy=2");

        assertThat(messages(run)).singleElement().asString()
                .contains(FIRST_LINE + "\n  | Reading package lists...\n  | E: Unable to locate package nosuchpkg");
    }

    @Test
    void aPipelineBuiltOnAFailedOneShowsTheFailedStepOnceForBoth() {
        EngineRun run = EngineRun.of(BrokenDependency.class);

        List<String> messages = messages(run);
        assertThat(messages).hasSize(2);
        assertThat(messages).filteredOn(text -> text.contains("  | E: Unable to locate package nosuchpkg"))
                .hasSize(1);
        assertThat(messages).filteredOn(text -> text.contains("failed earlier in this run: " + FIRST_LINE
                + " (the first test that needed it shows the step's output)")).hasSize(1);
    }

    @Test
    void aClassSetUpAndATestOfAnotherClassShowItOnceBetweenThem() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(BrokenSetUp.class), selectClass(BrokenDependency.class))
                .execute();

        List<String> messages = new ArrayList<>(results.containerEvents().failed().stream()
                .map(PipelineFailureReportTest::message).toList());
        messages.addAll(results.testEvents().failed().stream().map(PipelineFailureReportTest::message).toList());
        // The set-up of one class, and the two tests of the other.
        assertThat(messages).hasSize(3);
        assertThat(messages).filteredOn(text -> text.contains("  | E: Unable to locate package nosuchpkg"))
                .hasSize(1);
        assertThat(messages).filteredOn(text -> text.contains("failed earlier in this run: " + FIRST_LINE
                + " (the first test that needed it shows the step's output)")).hasSize(2);
    }

    private static List<String> messages(EngineRun run) {
        return run.results().testEvents().failed().stream().map(PipelineFailureReportTest::message).toList();
    }

    private static String message(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
    }

    static Container misspelledPackage() {
        return Container.from("debian:bookworm-slim")
                .withEnv("NONCE", NONCE)
                .withExec("sh", "-c", "echo Reading package lists...; echo E: Unable to locate package nosuchpkg;"
                        + " exit 100");
    }

    @Lattice
    static class BrokenServiceMatrix {
        @PipelineContainer
        static Container distributable() {
            return misspelledPackage();
        }

        @ServiceContainer
        static ServiceSpec app(@PipelineContainer("distributable") Image app) {
            return ServiceSpec.of(app);
        }

        @MatrixTest
        @Axis(name = "copy", values = {"1", "2", "3"})
        void cell(Cell cell, @ServiceContainer("app") Service app) {
        }
    }

    /** Declared once, shared by the classes that implement it, as a project's pipelines are. */
    interface BrokenPipelines {
        @PipelineContainer
        static Container distributable() {
            return misspelledPackage();
        }

        // Its definition needs the failed pipeline's image: its build fails with the same step.
        @PipelineContainer
        static Container checked(@PipelineContainer("distributable") Image app) {
            return Container.from(app.id()).withExec("true");
        }
    }

    @Lattice
    static class BrokenSetUp implements BrokenPipelines {
        static Image app;

        @BeforeAll
        static void setUp(@PipelineContainer("distributable") Image built) {
            app = built;
        }

        @Test
        void usesIt() {
        }
    }

    @Lattice
    static class BrokenDependency implements BrokenPipelines {

        @Test
        void usesTheDependent(@PipelineContainer("checked") Image checked) {
        }

        @Test
        void usesTheFailedOne(@PipelineContainer("distributable") Image app) {
        }
    }
}
