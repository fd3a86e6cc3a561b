package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A failed cell's failure names the cell, for runners that name the test only by its position. */
class CellFailureNamingTest {

    @Test
    void aFailedCellsFailureCarriesTheCellsName() {
        var failed = EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false)
                .selectors(selectClass(OneCellFails.class)).execute().testEvents().failed().list();

        assertThat(failed).singleElement().satisfies(event -> {
            Throwable failure = event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
            assertThat(failure).hasMessage("db=mariadb breaks");
            List<String> suppressed = Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage).toList();
            assertThat(suppressed).containsExactly("in cell db=mariadb, mode=fast");
        });
    }

    static class OneCellFails {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb"})
        @Axis(name = "mode", values = "fast")
        void cell(Cell cell) {
            if (cell.is("db", "mariadb")) {
                throw new AssertionError("db=mariadb breaks");
            }
        }
    }
}
