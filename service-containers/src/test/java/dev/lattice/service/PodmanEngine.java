package dev.lattice.service;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Podman engine of the test's own: {@code podman system service} on a socket in a temporary directory, with its own
 * image store there and its own {@code containers.conf} (the limits this sandbox lets containers set), removed with
 * everything in it on {@link #close()}.
 */
final class PodmanEngine implements AutoCloseable {

    private final Path dir;
    private final Path socket;
    private final Process service;

    private PodmanEngine(Path dir, Path socket, Process service) {
        this.dir = dir;
        this.socket = socket;
        this.service = service;
    }

    /**
     * Starts the service and waits for its socket.
     *
     * @throws IllegalStateException when podman is missing or its socket does not appear within 10 s
     */
    static PodmanEngine start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("lattice-podman");
        // Without these, runc may not raise a container's open-file and process limits here ("error setting rlimit").
        Files.writeString(dir.resolve("containers.conf"),
                "[containers]\ndefault_ulimits = [\"nofile=4096:4096\", \"nproc=4096:4096\"]\n");
        Path socket = dir.resolve("podman.sock");
        Process service;
        try {
            service = podman(dir, "system", "service", "--time=0", "unix://" + socket)
                    .redirectOutput(dir.resolve("service.log").toFile()).start();
        } catch (IOException missing) {
            throw new IllegalStateException("Cannot start podman (" + missing.getMessage() + "); install it with"
                    + " `bash scripts/docker-engine.sh` (apt-get install podman)", missing);
        }
        PodmanEngine engine = new PodmanEngine(dir, socket, service);
        Process started = service;
        try {
            await("podman's socket").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(socket) || !started.isAlive());
        } catch (ConditionTimeoutException notYet) {
            // Reported below with podman's log.
        }
        if (!Files.exists(socket)) {
            String log = Files.readString(dir.resolve("service.log"), StandardCharsets.UTF_8);
            engine.close();
            throw new IllegalStateException("podman system service did not open " + socket + " within 10 s: " + log);
        }
        return engine;
    }

    /** The engine's address, {@code unix:///.../podman.sock}. */
    String uri() {
        return "unix://" + socket;
    }

    /** Copies an image from another engine into this one (Podman then names it {@code localhost/NAME:TAG}). */
    void load(DockerClient from, DockerClient into, String image) throws IOException {
        try (InputStream saved = from.saveImageCmd(image).exec()) {
            into.loadImageCmd(saved).exec();
        }
    }

    /**
     * Stops the service and removes its containers, images, Lattice's networks (whose configuration Podman keeps
     * outside its store) and the directory.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        service.destroy();
        if (!service.waitFor(10, TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
        run("rm", "--all", "--force");
        // Podman's conmon keeps watching a finished exec for minutes; these are this engine's, named by its directory.
        ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(dir.toString())).orElse(false))
                .forEach(ProcessHandle::destroy);
        run("network", "prune", "--force", "--filter", "label=dev.lattice.managed=true");
        run("rmi", "--all", "--force");
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void run(String... args) throws IOException, InterruptedException {
        Process process = podman(dir, args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static ProcessBuilder podman(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("podman", "--root", dir.resolve("root").toString(),
                "--runroot", dir.resolve("runroot").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        return builder;
    }
}
