package dev.lattice.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.ServiceLoader;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
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
        return of(List.of(selectClass(fixture)), configuration);
    }

    /**
     * Runs what the selectors select the way a launcher does, with the discovery listeners registered on the
     * class path (such as the one that records cells selected by unique id).
     */
    static EngineRun of(List<? extends DiscoverySelector> selectors, String... configuration) {
        Map<String, String> parameters = new TreeMap<>();
        for (String setting : configuration) {
            String[] parts = setting.split("=", 2);
            parameters.put(parts[0], parts[1]);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(parameters)
                .selectors(selectors)
                .listeners(ServiceLoader.load(LauncherDiscoveryListener.class).stream()
                        .map(ServiceLoader.Provider::get).toArray(LauncherDiscoveryListener[]::new))
                .build();
        return new EngineRun(EngineTestKit.execute("junit-jupiter", request));
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

    /** The display names of the cells that were skipped, with the reasons. */
    List<String> skippedCells() {
        return results.testEvents().skipped().stream()
                .map(event -> displayName(event) + ": " + event.getRequiredPayload(String.class))
                .toList();
    }

    /** The unique ids of the cells that passed, in the order they finished. */
    List<String> passedIds() {
        return results.testEvents().succeeded().stream()
                .map(event -> event.getTestDescriptor().getUniqueId().toString()).toList();
    }

    /** The message of the one test template that failed as a whole, as configuration errors do. */
    String configurationError() {
        return containerFailure().getMessage();
    }

    /** The failure of the one container (test template, class or the engine itself) that failed. */
    Throwable containerFailure() {
        List<Event> failed = results.containerEvents().failed().list();
        if (failed.size() != 1) {
            throw new AssertionError("Expected one failed container, got " + failed
                    + "; cells passed: " + passedCells() + ", failed: " + failedCells());
        }
        return failure(failed.get(0));
    }

    private static String displayName(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    private static Throwable failure(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
    }
}
