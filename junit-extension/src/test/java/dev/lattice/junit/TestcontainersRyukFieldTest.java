package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.containers.GenericContainer;

/**
 * A Testcontainers field on a machine where Ryuk is enabled but its image cannot be had (an IDE run without
 * {@code TESTCONTAINERS_RYUK_DISABLED}, no registry): the class fails in seconds naming the fix, instead of
 * Testcontainers retrying the image for minutes with nothing printed.
 */
class TestcontainersRyukFieldTest {

    @Test
    void aTestcontainersFieldWithoutRyuksImageFailsInSecondsNamingTheFix() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunWithRyukEnabled.class.getName())
                .redirectErrorStream(true);
        builder.environment().remove("TESTCONTAINERS_RYUK_DISABLED");
        // An image name no engine has and no registry serves, as Ryuk's is on a machine without a registry.
        builder.environment().put("TESTCONTAINERS_RYUK_CONTAINER_IMAGE", "lattice-test/no-such-ryuk:0");
        Process run = builder.start();
        try {
            // Testcontainers alone retries such an image for minutes; a generous minute still tells the two apart.
            assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the run ended within a minute").isTrue();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(output).contains("failure: ").contains("lattice-test/no-such-ryuk:0")
                    .contains("TESTCONTAINERS_RYUK_DISABLED=true");
        } finally {
            run.destroyForcibly();
        }
    }

    /** Runs the fixture through the engine in a JVM whose environment enables Ryuk, and prints the failure. */
    static final class RunWithRyukEnabled {
        public static void main(String[] args) throws IOException {
            EngineTestKit.engine("junit-jupiter").enableImplicitConfigurationParameters(false)
                    .selectors(selectClass(UsesATestcontainersField.class)).execute()
                    .allEvents().failed().stream()
                    .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                    .forEach(failure -> System.out.println("failure: " + failure.getMessage()));
            System.out.flush();
            System.exit(0);
        }
    }

    @Lattice
    static class UsesATestcontainersField {
        @ServiceContainer
        static GenericContainer<?> sleeper = new GenericContainer<>("debian:bookworm-slim")
                .withCommand("sleep", "infinity");

        @Test
        void runs() {
            assertThat(sleeper.isRunning()).isTrue();
        }
    }
}
