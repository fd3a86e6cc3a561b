package dev.lattice.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a fixture class through the real Jupiter engine, isolated from the configuration of the build
 * that runs these tests, and reads what happened.
 *
 * @param results the engine's events
 */
record EngineRun(EngineExecutionResults results) {

    static EngineRun of(Class<?> fixture, String... configuration) {
        Map<String, String> parameters = new TreeMap<>();
        for (String setting : configuration) {
            String[] parts = setting.split("=", 2);
            parameters.put(parts[0], parts[1]);
        }
        return new EngineRun(EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(parameters)
                .selectors(selectClass(fixture))
                .execute());
    }

    /** The display names of the cells that passed, in the order they finished. */
    List<String> passedCells() {
        return results.testEvents().succeeded().stream().map(EngineRun::displayName).toList();
    }

    /** The display names of the cells that failed, with their failure messages. */
    List<String> failedCells() {
        return results.testEvents().failed().stream()
                .map(event -> displayName(event) + ": " + failure(event).getMessage())
                .toList();
    }

    /** The message of the one test template that failed as a whole, as configuration errors do. */
    String configurationError() {
        List<Event> failed = results.containerEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("Expected one failed container, got " + failed
                    + "; cells passed: " + passedCells() + ", failed: " + failedCells());
        }
        return failure(failed.get(0)).getMessage();
    }

    private static String displayName(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    private static Throwable failure(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
