package dev.lattice.engine.bench;

import dev.lattice.engine.CacheVolume;
import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Host;
import dev.lattice.engine.Image;
import dev.lattice.engine.ProgressListener;
import dev.lattice.engine.StepEvent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times an application-shaped graph with the engine inside a running JVM: a Maven build pipeline (JDK and Maven from
 * Debian, the pom, a Maven cache volume keyed by the pom, go-offline, the sources, {@code mvn package} of an
 * executable jar of 50+ MB) and a distributable pipeline (a JRE and the jar copied from the build pipeline). Run by
 * {@code scripts/bench-engine.sh}, which builds the equivalent two-stage Dockerfile with BuildKit side by side.
 *
 * <p>"Cold" means no step of this run is cached (fresh keys: the run id is an environment variable at the top of
 * both pipelines), while the Debian package archives and the Maven repository are warm: their cache volumes keep
 * their names across runs, as BuildKit's cache mounts keep theirs. Prints
 * {@code LATTICE_APP cold_ms=.. edit_ms=.. copy_cold_ms=.. copy_edit_ms=..}, where a copy figure is the
 * cross-pipeline copy step of the jar, from its start to its cache image being tagged.
 *
 * <p>Arguments: the project directory (holding {@code pom.xml} and {@code src/}); the source file to edit, relative
 * to it; {@code cold-only} to build cold only (the warm-up run that fills the cache volumes).
 */
public final class AppBenchmark {

    private static final String JAR = "/app/target/app.jar";

    private AppBenchmark() {
    }

    static Container build(Path project, String run) {
        return Container.from("debian:bookworm-slim")
                .withEnv("BENCH_RUN", run)
                .withMountedCache("/var/cache/apt", CacheVolume.named("bench-app-apt-build"))
                .withExec("sh", "-c", "rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq && apt-get install"
                        + " -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null")
                .withWorkdir("/app")
                .withFile("pom.xml", Host.file(project.resolve("pom.xml").toString()))
                .withMountedCache("/root/.m2", CacheVolume.named("bench-app-m2")
                        .keyedBy(Host.file(project.resolve("pom.xml").toString())))
                .withExec("mvn", "-B", "-q", "dependency:go-offline")
                .withDirectory("src", Host.directory(project.resolve("src").toString()))
                .withExec("mvn", "-B", "-q", "package", "-DskipTests");
    }

    static Container distributable(Path project, String run) {
        return Container.from("debian:bookworm-slim")
                .withEnv("BENCH_RUN", run)
                .withMountedCache("/var/cache/apt", CacheVolume.named("bench-app-apt-dist"))
                .withExec("sh", "-c", "rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq && apt-get install"
                        + " -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null")
                .withFile("/app/app.jar", build(project, run).file(JAR))
                .withEntrypoint("java", "-jar", "/app/app.jar");
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        Path edited = project.resolve(args[1]);
        boolean coldOnly = args.length > 2 && args[2].equals("cold-only");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String original = Files.readString(edited);
        CopyTimer copies = new CopyTimer();
        try (Engine engine = Engine.builder().runId("bench-" + run).listener(copies).build()) {
            long cold = time(() -> engine.solve("app", distributable(project, run)));
            System.out.print(engine.lastReport("app").format());
            long copyCold = copies.last.getAndSet(-1);
            long edit = -1;
            long copyEdit = -1;
            if (!coldOnly) {
                Files.writeString(edited, original.replace("hello", "hello, edited"));
                try {
                    edit = time(() -> engine.solve("app", distributable(project, run)));
                    System.out.print(engine.lastReport("app").format());
                    copyEdit = copies.last.getAndSet(-1);
                } finally {
                    Files.writeString(edited, original);
                }
            }
            System.out.printf("LATTICE_APP cold_ms=%d edit_ms=%d copy_cold_ms=%d copy_edit_ms=%d%n", cold, edit,
                    copyCold, copyEdit);
        }
        // The cache volumes stay for the next run (the script removes them at its end).
        EngineBenchmark.removeRunImages("bench-" + run);
    }

    private static long time(SolveCall call) {
        long started = System.nanoTime();
        Image image = call.solve();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("solved " + image.reference() + " in " + millis + " ms");
        return millis;
    }

    /** Keeps the duration of the last built copy of the jar; prints when each step starts and ends. */
    private static final class CopyTimer implements ProgressListener {
        final AtomicLong last = new AtomicLong(-1);

        private static void print(String what, StepEvent event) {
            System.out.printf("%10.1f ms %-7s [%s %d/%d] %s%n", System.nanoTime() / 1e6 % 1e7, what,
                    event.pipelineName(), event.index(), event.count(), event.description());
        }

        @Override
        public void started(StepEvent event) {
            print("start", event);
        }

        @Override
        public void cached(StepEvent event) {
        }

        @Override
        public void done(StepEvent event) {
            print("done", event);
            if (event.description().startsWith("COPY") && event.description().contains(JAR)) {
                last.set(event.duration().toMillis());
            }
        }

        @Override
        public void failed(StepEvent event) {
            print("failed", event);
        }
    }

    private interface SolveCall {
        Image solve();
    }
}
