package dev.lattice.junit.internal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.junit.Axis;
import dev.lattice.junit.MatrixTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** {@code @MatrixTest(report = ...)} names the grid's rows and columns, or fails before any cell runs. */
class ReportLayoutCheckTest {

    @Test
    void twoAxesOrOneAreAccepted() {
        assertThat(failures(GoodLayouts.class)).isEmpty();
    }

    @Test
    void anUnknownAxisARepeatedOneOrThreeAreConfigurationErrors() {
        assertThat(failures(BadLayouts.class)).containsExactlyInAnyOrder(
                error("unknown", "@MatrixTest(report = {\"store\", \"colour\"}) on [%s] names \"colour\", which is"
                        + " no axis of this matrix; its axes are store, auth"),
                error("repeated", "@MatrixTest(report = {\"store\", \"store\"}) on [%s] must name the grid's rows"
                        + " and columns: two different axes; its axes are store, auth"),
                error("three", "@MatrixTest(report = {\"store\", \"auth\", \"store\"}) on [%s] must name the grid's"
                        + " rows and columns: two different axes; its axes are store, auth"));
    }

    private static String error(String method, String problem) {
        String where = "ReportLayoutCheckTest.BadLayouts#" + method;
        return "1 configuration error(s) in " + where + ":" + System.lineSeparator() + "- "
                + String.format(problem, where);
    }

    private static List<String> failures(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false)
                .selectors(selectClass(fixture)).execute().allEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow()
                        .getMessage())
                .toList();
    }

    static class GoodLayouts {

        @MatrixTest(report = {"auth", "store"})
        @Axis(name = "store", values = {"a", "b"})
        @Axis(name = "auth", values = {"on", "off"})
        void two() {
        }

        @MatrixTest(report = "store")
        @Axis(name = "store", values = {"a", "b"})
        void one() {
        }
    }

    static class BadLayouts {

        @MatrixTest(report = {"store", "colour"})
        @Axis(name = "store", values = {"a", "b"})
        @Axis(name = "auth", values = {"on", "off"})
        void unknown() {
        }

        @MatrixTest(report = {"store", "store"})
        @Axis(name = "store", values = {"a", "b"})
        @Axis(name = "auth", values = {"on", "off"})
        void repeated() {
        }

        @MatrixTest(report = {"store", "auth", "store"})
        @Axis(name = "store", values = {"a", "b"})
        @Axis(name = "auth", values = {"on", "off"})
        void three() {
        }
    }
}
