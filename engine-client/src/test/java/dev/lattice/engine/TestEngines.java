package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import dev.lattice.engine.internal.DockerConnection;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Engines for tests: a fresh run id and state dir each, with cleanup of what they created. */
final class TestEngines {

    static final String BASE = "debian:bookworm-slim";

    private TestEngines() {
    }

    static DockerClient docker() {
        return DockerConnection.testcontainersClient();
    }

    static Engine.Builder builder(Path stateDir) {
        return Engine.builder().runId("test-" + UUID.randomUUID().toString().substring(0, 8)).cacheDir(stateDir);
    }

    /** Removes every image the run created (cache entries included) and its transient things. */
    static void removeRunImages(Engine engine) {
        engine.close();
        removeImagesOfRun(engine.runLabels().runId());
    }

    /**
     * Removes the containers and every image (cache entries included) of a run of another JVM, such as one a test
     * started and killed. A run id is one run's: JVMs that share one remove each other's containers when one ends.
     */
    static void removeRunOfAnotherJvm(String runId) {
        DockerClient docker = docker();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, runId)).exec()
                .forEach(container -> {
                    try {
                        docker.removeContainerCmd(container.getId()).withForce(true).exec();
                    } catch (RuntimeException alreadyGone) {
                        // Its JVM's watchdog removed it first.
                    }
                });
        removeImagesOfRun(runId);
    }

    private static void removeImagesOfRun(String runId) {
        DockerClient docker = docker();
        docker.listImagesCmd().withLabelFilter(Map.of(RunLabels.RUN, runId)).exec()
                .forEach(image -> {
                    // Untag rather than delete by id: a parent with children cannot be deleted, but untagged
                    // parents go away with their last child.
                    for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                        try {
                            docker.removeImageCmd(tag).withForce(true).exec();
                        } catch (RuntimeException alreadyGone) {
                            // Another test's cleanup removed it first.
                        }
                    }
                });
    }

    /** Counts container-create events of this run's containers between two instants. */
    static int containerCreates(Engine engine, Instant since, Instant until) throws InterruptedException {
        AtomicInteger creates = new AtomicInteger();
        docker().eventsCmd()
                .withSince(String.format("%d.%09d", since.getEpochSecond(), since.getNano()))
                .withUntil(String.format("%d.%09d", until.getEpochSecond(), until.getNano()))
                .withEventTypeFilter("container").withEventFilter("create")
                .withLabelFilter(Map.of(RunLabels.RUN, engine.runLabels().runId()))
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        creates.incrementAndGet();
                    }
                }).awaitCompletion(20, TimeUnit.SECONDS);
        return creates.get();
    }

    /**
     * Counts container-create events of this run's containers from {@code since} until now, without a guessed wait:
     * it creates a marker container of the run and counts the creates the engine reports before the marker's, so
     * every create the engine was asked for before this call is counted, whenever its event arrives.
     */
    static int containerCreatesSince(Engine engine, Instant since) throws InterruptedException {
        return containerEventsSince(engine, since, "create");
    }

    /**
     * Counts events {@code action} (such as {@code create}, or {@code archive-path}: a read of a container's files) of
     * this run's containers from {@code since} until now, as {@link #containerCreatesSince} counts creates.
     */
    static int containerEventsSince(Engine engine, Instant since, String action) throws InterruptedException {
        DockerClient docker = docker();
        Map<String, String> labels = Map.of(RunLabels.RUN, engine.runLabels().runId());
        String marker = docker.createContainerCmd(BASE).withLabels(labels).withCmd("true").exec().getId();
        AtomicInteger counted = new AtomicInteger();
        try {
            ResultCallback.Adapter<Event> events = docker.eventsCmd()
                    .withSince(String.format("%d.%09d", since.getEpochSecond(), since.getNano()))
                    .withEventTypeFilter("container").withEventFilter("create", action).withLabelFilter(labels)
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onNext(Event event) {
                            if (marker.equals(event.getId())) {
                                onComplete();
                            } else if (action.equals(event.getAction())) {
                                counted.incrementAndGet();
                            }
                        }
                    });
            if (!events.awaitCompletion(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The engine did not report the marker container's creation in 20 s");
            }
            return counted.get();
        } finally {
            docker.removeContainerCmd(marker).withForce(true).exec();
        }
    }

    /**
     * A JVM on this test's class path running {@code main} with {@code args}, its error output merged into its
     * output: another process of the same machine, as a second test run or a run to be killed would be.
     */
    static ProcessBuilder childJvm(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** A nonce that makes a pipeline's keys new, so a test's first solve is cold. */
    static String nonce() {
        return UUID.randomUUID().toString();
    }
}
