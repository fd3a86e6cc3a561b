package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.engine.TestExecutionResult;

/** Pipelines against the real engine: built once per run for every class that names them, failures explained once. */
class PipelineRunTest {

    // Fresh per JVM, so the first build of these pipelines in a run is a real build, not a cache hit.
    static final String NONCE = UUID.randomUUID().toString();
    static final Set<String> SEEN_IMAGES = ConcurrentHashMap.newKeySet();

    @Test
    void aPipelineNamedByTwoTestClassesIsBuiltOnce() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(FirstUser.class), selectClass(SecondUser.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
        // The step writes random bytes: a second build would have produced another image.
        assertThat(SEEN_IMAGES).hasSize(1);
    }

    @Test
    void aFailedPipelineFailsEveryTestThatNeedsItButIsExplainedOnce() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(BrokenPipelineUsers.class))
                .execute();

        List<String> messages = results.testEvents().failed().stream().map(PipelineRunTest::message).toList();
        assertThat(messages).hasSize(2);
        // JUnit names the parameter it could not resolve; the rest is the step's own explanation.
        assertThat(messages).allMatch(text -> text.startsWith("Failed to resolve parameter"
                + " [dev.lattice.engine.Image image] in method"));
        assertThat(messages).filteredOn(text -> text.contains("  | the compiler broke")).singleElement()
                .asString().contains("Step [broken 1/2] RUN sh -c echo the compiler broke; exit 3"
                        + " failed with exit code 3; last 1 lines of output:");
        assertThat(messages).filteredOn(text -> !text.contains("  | the compiler broke")).singleElement()
                .asString().endsWith(": Pipeline \"broken\" (BrokenPipelineUsers#broken()) failed earlier in this"
                        + " run: Step [broken 1/2] RUN sh -c echo the compiler broke; exit 3 failed with exit code 3;"
                        + " last 1 lines of output: (the first test that needed it shows the step's output)");
    }

    @Test
    void aPipelineThatAnotherBuildsOnIsBuiltByThatOneAndNotSolvedOnItsOwnOnceThatOneIsCached() {
        String cold = stderrOf(() -> assertThat(runLayered().testEvents().succeeded().count()).isEqualTo(1));
        String warm = stderrOf(() -> assertThat(runLayered().testEvents().succeeded().count()).isEqualTo(1));

        // Built by the end's solve, and still shown under its own name.
        assertThat(cold).contains("[layeredSource 1/2] RUN sh -c echo source").contains("[layeredEnd 3/3]");
        // The end is cached, so nothing below it is asked for: not even the source's own cached step (a registry
        // cache would otherwise pull the source's image, which nothing of this run uses).
        assertThat(warm).contains("[layeredEnd 3/3]").doesNotContain("[layeredSource");
    }

    private static org.junit.platform.testkit.engine.EngineExecutionResults runLayered() {
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .selectors(selectClass(LayeredUser.class))
                .execute();
    }

    private static String stderrOf(Runnable run) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }

    private static String message(Event event) {
        return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage();
    }

    interface StampedPipeline {
        @PipelineContainer
        static Container stamped() {
            return Container.from("debian:bookworm-slim")
                    .withEnv("NONCE", NONCE)
                    .withExec("sh", "-c", "od -An -N8 -tx1 /dev/urandom > /stamp");
        }
    }

    @Lattice
    static class FirstUser implements StampedPipeline {
        @Test
        void usesTheImage(@PipelineContainer("stamped") Image image) {
            SEEN_IMAGES.add(image.id());
        }
    }

    @Lattice
    static class SecondUser implements StampedPipeline {
        @Test
        void usesTheImage(@PipelineContainer("stamped") Image image) {
            SEEN_IMAGES.add(image.id());
        }
    }

    @Lattice
    static class LayeredUser {
        @PipelineContainer
        static Container layeredSource() {
            return Container.from("debian:bookworm-slim")
                    .withExec("sh", "-c", "echo source " + NONCE + " > /source.txt");
        }

        @PipelineContainer
        static Container layeredEnd(@PipelineContainer("layeredSource") Container source) {
            return source.withExec("sh", "-c", "cat /source.txt > /end.txt");
        }

        @Test
        void usesTheEnd(@PipelineContainer("layeredEnd") Image image) {
            assertThat(image.id()).isNotBlank();
        }
    }

    @Lattice
    static class BrokenPipelineUsers {
        @PipelineContainer
        static Container broken() {
            return Container.from("debian:bookworm-slim")
                    .withExec("sh", "-c", "echo the compiler broke; exit 3")
                    .withEnv("NONCE", NONCE);
        }

        @Test
        void first(@PipelineContainer("broken") Image image) {
        }

        @Test
        void second(@PipelineContainer("broken") Image image) {
        }
    }
}
