package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.PipelineContainer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Two CI runners sharing one registry cache, each running its shard of a matrix, as the README's CI recipe does:
 * shard 1/2 runs in a JVM on this machine's engine with the registry read-write, then shard 2/2 in a JVM on the
 * second, empty engine of {@code scripts/second-engine.sh} reading it. The second runner pulls the pipeline the
 * first built and builds nothing; together the shards run every cell once. Each runner is a JVM of its own because
 * the engine a run uses comes from its environment (DOCKER_HOST), as on a real runner.
 */
class ShardedRegistryCacheTest {

    // Outside lattice.: a run refuses names there that are none of Lattice's settings.
    static final String NONCE = "example.sharded.nonce";
    private static final String REGISTRY = "127.0.0.1:5000";
    private static final String ENGINE_B = "unix:///var/run/lattice-engine-b.sock";
    private static final Set<String> CELLS = Set.of("n=1", "n=2", "n=3", "n=4", "n=5", "n=6", "n=7", "n=8");

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void theSecondRunnerPullsWhatTheFirstBuiltAndBuildsNothing(@TempDir Path dir) throws Exception {
        requireRegistryAndSecondEngine();
        String nonce = UUID.randomUUID().toString().substring(0, 12);
        String location = REGISTRY + "/lattice-test/sharded-" + nonce;

        Runner first = Runner.run(dir, 1, null, location, "readwrite", nonce);
        Runner second = Runner.run(dir, 2, ENGINE_B, location, "read", nonce);
        try {
            assertThat(first.failed()).as("failed cells on the first runner; its output:%n%s", first.output).isEmpty();
            assertThat(second.failed()).as("failed cells on the second runner; its output:%n%s", second.output)
                    .isEmpty();
            assertThat(first.passed()).as("cells of shard 1/2").isNotEmpty();
            assertThat(second.passed()).as("cells of shard 2/2").isNotEmpty().doesNotContainAnyElementsOf(first.passed());
            Set<String> all = new TreeSet<>(first.passed());
            all.addAll(second.passed());
            assertThat(all).as("cells the two shards ran").isEqualTo(new TreeSet<>(CELLS));

            assertThat(first.stepStatuses("tool")).as("the pipeline's steps on the first runner (an input no run had)")
                    .containsOnly("BUILT");
            assertThat(second.stepStatuses("tool")).as("the pipeline's steps on the second runner; its output:%n%s",
                    second.output).contains("PULLED");
            assertThat(second.stepStatuses(null)).as("every step the second runner solved; its output:%n%s",
                    second.output).doesNotContain("BUILT");
            assertThat(second.output).as("the second runner's registry cache summary")
                    .containsPattern("Registry cache " + Pattern.quote(location) + ": .* pulls=[1-9]")
                    .contains("pushes=0 ");
        } finally {
            Set<String> keys = new TreeSet<>(first.cacheKeys());
            keys.addAll(second.cacheKeys());
            removeImagesTaggedWith(DockerConnection.testcontainersClient(), keys);
            removeImagesTaggedWith(DockerConnection.connect(ENGINE_B).client(), keys);
        }
    }

    /** The matrix each runner runs its shard of; not a test of its own (only the runners select it). */
    @Lattice
    static class TwoRunnersMatrix {

        /** A pipeline no earlier run built: its first step writes this test's nonce. */
        @PipelineContainer
        static Container tool() {
            return Container.from("debian:bookworm-slim")
                    .withExec("sh", "-c", "echo " + System.getProperty(NONCE) + " > /nonce")
                    .withExec("sh", "-c", "wc -c < /nonce > /nonce-size");
        }

        @MatrixTest
        @Axis(name = "n", values = {"1", "2", "3", "4", "5", "6", "7", "8"})
        void readsTheToolsFiles(Cell cell, Engine engine, @PipelineContainer("tool") dev.lattice.engine.Image image,
                                @PipelineContainer("tool") Container tool) {
            // The image parameter is the run's one solve of the pipeline (the one the report shows as "tool"); the
            // read is a solve of its own, under a name of its own, which finds the image local.
            assertThat(image.id()).as("the tool's image").isNotBlank();
            String nonce = new String(engine.readFile("read nonce " + cell, tool, "/nonce"), StandardCharsets.UTF_8)
                    .strip();
            assertThat(nonce).as("the nonce in the tool's image, in cell %s", cell).isEqualTo(System.getProperty(NONCE));
        }
    }

    /**
     * One runner: a JVM on an engine (DOCKER_HOST, or this JVM's engine when null) running one shard of
     * {@link TwoRunnersMatrix} through the JUnit launcher, so its run report is written as on a CI runner.
     */
    private record Runner(String output, JsonNode report) {

        static Runner run(Path dir, int shard, String dockerHost, String location, String mode, String nonce)
                throws IOException, InterruptedException {
            Path reportDir = dir.resolve("report-" + shard);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-D" + NONCE + "=" + nonce,
                    "-Dlattice.cache.dir=" + dir.resolve("cache-" + shard),
                    Main.class.getName(), shard + "/2", location, mode, reportDir.toString())
                    .redirectErrorStream(true);
            if (dockerHost != null) {
                builder.environment().put("DOCKER_HOST", dockerHost);
            }
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("runner %d exited", shard).isTrue();
            assertThat(process.exitValue()).as("runner %d's exit code; its output:%n%s", shard, output).isZero();
            JsonNode report = new ObjectMapper().readTree(reportDir.resolve("report.json").toFile());
            return new Runner(output, report);
        }

        List<String> passed() {
            return lines("passed ");
        }

        List<String> failed() {
            return lines("failed ");
        }

        private List<String> lines(String prefix) {
            return output.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .toList();
        }

        /** The statuses of a pipeline's steps in the run report (of every pipeline's when {@code name} is null). */
        List<String> stepStatuses(String name) {
            return steps(name).stream().map(step -> step.path("status").asText()).toList();
        }

        List<String> cacheKeys() {
            return steps(null).stream().map(step -> step.path("cacheKey").asText()).filter(key -> !key.isEmpty())
                    .toList();
        }

        private List<JsonNode> steps(String name) {
            List<JsonNode> steps = new ArrayList<>();
            for (JsonNode pipeline : report.path("pipelines")) {
                if (name == null || pipeline.path("name").asText().equals(name)) {
                    pipeline.path("steps").forEach(steps::add);
                }
            }
            assertThat(steps).as("steps of pipeline %s in the run report", name == null ? "(any)" : name).isNotEmpty();
            return steps;
        }
    }

    /** A runner's JVM: runs its shard and prints "passed CELL" or "failed CELL: MESSAGE" per cell. */
    static final class Main {
        public static void main(String[] args) {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(TwoRunnersMatrix.class))
                    .configurationParameters(Map.of(
                            "lattice.matrix.shard", args[0],
                            "lattice.cache.registry", args[1],
                            "lattice.cache.registry.mode", args[2],
                            "lattice.report.dir", args[3],
                            "lattice.explain", "true"))
                    .build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        System.out.println(result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                                ? "passed " + test.getDisplayName()
                                : "failed " + test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse("?"));
                    }
                }
            });
            System.exit(0);
        }
    }

    private static void requireRegistryAndSecondEngine() {
        int status;
        try {
            status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://" + REGISTRY + "/v2/")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException down) {
            status = -1;
        }
        if (status != 200) {
            fail("No registry answers at " + REGISTRY + " (GET /v2/ gave " + status + "); start it with"
                    + " `bash scripts/registry.sh` (or `bash scripts/test-env.sh` for everything the tests use)");
        }
        try {
            DockerConnection.connect(ENGINE_B).client().pingCmd().exec();
        } catch (RuntimeException down) {
            fail("The second engine at " + ENGINE_B + " does not answer (" + down.getMessage() + "); start it with"
                    + " `bash scripts/second-engine.sh` (or `bash scripts/test-env.sh`)");
        }
    }

    /** Removes from an engine the images the runs made: every image with a tag ending in one of the steps' keys. */
    private static void removeImagesTaggedWith(DockerClient docker, Set<String> keys) {
        for (Image image : docker.listImagesCmd().exec()) {
            String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
            for (String tag : tags) {
                if (keys.stream().anyMatch(key -> tag.endsWith(":" + key))) {
                    try {
                        docker.removeImageCmd(image.getId()).withForce(true).exec();
                    } catch (RuntimeException alreadyGone) {
                        // Removed through another of its tags.
                    }
                    break;
                }
            }
        }
    }
}
