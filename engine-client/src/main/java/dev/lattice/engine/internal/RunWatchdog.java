package dev.lattice.engine.internal;

import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes a run's containers, networks and transient volumes when the JVM that ran it dies without cleaning up
 * (kill -9, a crash, a stopped IDE run), within seconds and without waiting for the next run's sweep.
 *
 * <p>A small child JVM reads this JVM's commands on its standard input: {@code watch RUN} when an engine starts
 * creating things for a run, {@code release RUN} when it has removed them. The operating system closes that input
 * when this JVM ends, however it ends; the child then removes what every run still watched created, on the same
 * engine. One child serves each engine address of the JVM, started on first use. If it cannot start, runs go on
 * without it and the next run's sweep remains.
 */
public final class RunWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatchdog.class);

    private static final Object LOCK = new Object();
    private static final Map<String, RunWatchdog> BY_ENDPOINT = new HashMap<>();

    private final Writer commands;

    private RunWatchdog(Writer commands) {
        this.commands = commands;
    }

    /**
     * The JVM's watchdog for the engine at {@code endpoint}, started on first use.
     *
     * @param endpoint the engine's API address, e.g. {@code unix:///var/run/docker.sock}
     * @return the watchdog; one that does nothing when the child process could not start
     */
    public static RunWatchdog forEndpoint(String endpoint) {
        synchronized (LOCK) {
            return BY_ENDPOINT.computeIfAbsent(endpoint, address -> new RunWatchdog(start(address)));
        }
    }

    /** Asks the watchdog to remove the run's transient things if this JVM ends before {@link #release}. */
    public void watch(String runId) {
        send("watch " + runId);
    }

    /** Tells the watchdog the run's transient things are gone (one {@code release} per {@link #watch}). */
    public void release(String runId) {
        send("release " + runId);
    }

    private void send(String command) {
        if (commands == null) {
            return;
        }
        synchronized (LOCK) {
            try {
                commands.write(command + "\n");
                commands.flush();
            } catch (IOException childGone) {
                // The child ended early (killed by hand); the next run's sweep still removes what this run leaves.
                LOG.debug("The run watchdog did not take \"{}\"", command, childGone);
            }
        }
    }

    private static Writer start(String endpoint) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath(), RunWatchdog.class.getName(), endpoint));
        // Output goes nowhere: a child must not write into a test runner's channel (Surefire talks over stdout).
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process child = builder.start();
            return new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        } catch (IOException | UnsupportedOperationException cannotStart) {
            LOG.debug("Cannot start the run watchdog; the next run's sweep removes what a killed run leaves", cannotStart);
            return null;
        }
    }

    // The JVM's class path, plus where Lattice and Testcontainers were loaded from, for runners that load test
    // classes through a class loader of their own.
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(RunWatchdog.class, DockerClientFactory.class)) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (Exception unknownLocation) {
                // The JVM's own class path below still applies.
                LOG.debug("Cannot tell where {} was loaded from", type.getName(), unknownLocation);
            }
        }
        entries.addAll(List.of(System.getProperty("java.class.path", "").split(File.pathSeparator)));
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The child: follows the commands until its input ends, then removes what the runs still watched created.
     *
     * @param args the engine's API address
     * @throws IOException when its input cannot be read
     */
    public static void main(String[] args) throws IOException {
        ignoreInterrupts();
        Map<String, Integer> watched = new HashMap<>();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            if (line.startsWith("watch ")) {
                watched.merge(line.substring(6), 1, Integer::sum);
            } else if (line.startsWith("release ")) {
                watched.computeIfPresent(line.substring(8), (run, count) -> count == 1 ? null : count - 1);
            }
        }
        if (!watched.isEmpty()) {
            var docker = DockerConnection.connect(args[0]).client();
            watched.keySet().forEach(run -> new RunCleanup(docker, RunLabels.withRunId(run)).removeTransient());
        }
    }

    // Ctrl-C in a terminal signals the whole process group: the child lives on to clean up after its parent.
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException | LinkageError unsupported) {
            // No such signal here: nothing to ignore.
        }
    }
}
