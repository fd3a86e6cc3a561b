package dev.lattice.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Connects an engine in a JVM of its own, as an IDE run would: its own environment (no variable set by the build) and
 * its own home directory, so Testcontainers reads a {@code ~/.testcontainers.properties} the test writes. The JVM
 * connects, runs one volatile step, and prints {@code OK <endpoint>} or {@code FAILED <type>: <message>}.
 */
final class ConnectInFreshJvm {

    private ConnectInFreshJvm() {
    }

    /** What the JVM printed and how long it took; {@code finished} is false when it was killed at the time limit. */
    record Outcome(String output, long millis, boolean finished) {
    }

    /**
     * Runs the JVM with exactly this environment (plus PATH) and this home directory's properties file, waiting at most
     * {@code limitSeconds}.
     */
    static Outcome run(Map<String, String> environment, String testcontainersProperties, int limitSeconds)
            throws IOException, InterruptedException {
        return run(List.of(), environment, testcontainersProperties, limitSeconds);
    }

    /** Like {@link #run(Map, String, int)}, with the JVM's command line after {@code wrapper} (e.g. {@code unshare}). */
    static Outcome run(List<String> wrapper, Map<String, String> environment, String testcontainersProperties,
                       int limitSeconds) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("lattice-fresh-home");
        Path cache = Files.createDirectories(home.resolve("cache"));
        if (testcontainersProperties != null) {
            Files.writeString(home.resolve(".testcontainers.properties"), testcontainersProperties);
        }
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Duser.home=" + home, "-Dlattice.cache.dir=" + cache,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process was killed.
            }
        });
        reader.start();
        boolean finished = process.waitFor(limitSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        deleteTree(home);
        return new Outcome(output.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), finished);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The fresh JVM's program. */
    public static final class Main {

        private Main() {
        }

        /** Connects, runs one volatile step, prints the outcome. */
        public static void main(String[] args) {
            String runId = "fresh-" + UUID.randomUUID().toString().substring(0, 8);
            try (Engine engine = Engine.builder().runId(runId).build()) {
                String answer = engine.stdout("fresh-jvm", Container.from(TestEngines.BASE).withExec(
                        List.of("echo", runId), ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE)));
                System.out.println((answer.strip().equals(runId) ? "OK " : "WRONG ANSWER ")
                        + engine.dockerEndpoint().uri());
            } catch (RuntimeException failed) {
                System.out.println("FAILED " + failed.getClass().getName() + ": " + failed.getMessage());
            }
            System.exit(0);
        }
    }
}
