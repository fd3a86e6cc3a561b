package dev.lattice.engine.bench;

import dev.lattice.engine.CacheVolume;
import dev.lattice.engine.ConsoleProgress;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Host;
import dev.lattice.engine.Image;
import dev.lattice.engine.RunLabels;
import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.internal.DockerConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Times one build graph with the engine inside a running JVM: cold (fresh keys and cache volume),
 * warm (nothing changed), and after one source file changed. Run by {@code scripts/bench-engine.sh},
 * which times the equivalent Dockerfile side by side. Prints {@code LATTICE cold_ms=.. warm_ms=.. edit_ms=..}.
 *
 * <p>Arguments: the project directory holding {@code src/}; the file to edit, relative to it.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    static Container graph(Path project, String run) {
        Container build = Container.from("debian:bookworm-slim")
                .withEnv("BENCH_RUN", run)
                .withExec("sh", "-c", "rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq")
                .withMountedCache("/var/cache/apt", CacheVolume.named("bench-apt-" + run))
                .withExec("sh", "-c", "apt-get install -y -qq --no-install-recommends tcc libc6-dev >/dev/null")
                .withWorkdir("/src")
                .withDirectory(".", Host.directory(project.resolve("src").toString()))
                .withExec("sh", "-c", "mkdir -p /out && tcc -o /out/hello main.c util.c")
                .withExec("sh", "-c", "/out/hello > /out/selftest.txt");
        return Container.from("debian:bookworm-slim")
                .withFile("/usr/local/bin/hello", build.file("/out/hello"))
                .withEntrypoint("hello");
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        Path edited = project.resolve(args.length > 1 ? args[1] : "src/util.c");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String original = Files.readString(edited);
        Engine.Builder builder = Engine.builder().runId("bench-" + run);
        if (Boolean.getBoolean("bench.progress")) {
            builder.listener(new ConsoleProgress());
        }
        if (Boolean.getBoolean("bench.timeline")) {
            builder.listener(new Timeline());
        }
        try (Engine engine = builder.build()) {
            long cold = time(() -> engine.solve("bench", graph(project, run)));
            long warm = time(() -> engine.solve("bench", graph(project, run)));
            Files.writeString(edited, original.replace("world", "edited world"));
            long edit;
            try {
                edit = time(() -> engine.solve("bench", graph(project, run)));
                System.out.print(engine.lastReport("bench").format());
            } finally {
                Files.writeString(edited, original);
            }
            System.out.printf("LATTICE cold_ms=%d warm_ms=%d edit_ms=%d%n", cold, warm, edit);
        }
        // After close: step containers are gone, so the cache volume is no longer in use.
        removeImages("bench-" + run, "lattice-cache-bench-apt-" + run);
    }

    private static long time(SolveCall call) {
        long started = System.nanoTime();
        if (Boolean.getBoolean("bench.timeline")) {
            System.out.printf("%8.1f ms solve%n", started / 1e6 % 1e6);
        }
        Image image = call.solve();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (Boolean.getBoolean("bench.timeline")) {
            System.out.printf("%8.1f ms solved%n", System.nanoTime() / 1e6 % 1e6);
        }
        System.out.println("solved " + image.reference() + " in " + millis + " ms");
        return millis;
    }

    private static void removeImages(String runId, String volume) {
        removeRunImages(runId);
        try {
            DockerConnection.testcontainersClient().removeVolumeCmd(volume).exec();
        } catch (RuntimeException gone) {
            // Nothing to remove.
        }
    }

    /** Removes a benchmark run's images (its cache entries and pipeline tags). */
    static void removeRunImages(String runId) {
        DockerClient docker = DockerConnection.testcontainersClient();
        docker.listImagesCmd().withLabelFilter(Map.of(RunLabels.RUN, runId)).exec().forEach(image -> {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                try {
                    docker.removeImageCmd(tag).withForce(true).exec();
                } catch (RuntimeException gone) {
                    // Already removed with another tag.
                }
            }
        });
    }

    /** Prints when each step starts and ends, in milliseconds since the JVM started: where a solve spends its time. */
    private static final class Timeline implements dev.lattice.engine.ProgressListener {
        private static void print(String what, dev.lattice.engine.StepEvent event) {
            System.out.printf("%8.1f ms %-7s %s%n", System.nanoTime() / 1e6 % 1e6, what, event.description());
        }

        public void started(dev.lattice.engine.StepEvent event) {
            print("start", event);
        }

        public void cached(dev.lattice.engine.StepEvent event) {
            print("cached", event);
        }

        public void done(dev.lattice.engine.StepEvent event) {
            print("done", event);
        }

        public void failed(dev.lattice.engine.StepEvent event) {
            print("failed", event);
        }
    }

    private interface SolveCall {
        Image solve();
    }
}
