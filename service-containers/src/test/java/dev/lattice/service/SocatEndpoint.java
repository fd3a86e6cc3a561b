package dev.lattice.service;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An engine reached over TCP: socat listening on a loopback port in front of an engine's Unix socket. Stopping it and
 * starting it again on the same port makes the engine go away and come back for the clients that use it.
 */
final class SocatEndpoint implements AutoCloseable {

    private final Path socket;
    private final int port;
    private Process process;

    private SocatEndpoint(Path socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    /**
     * Starts socat on a free loopback port in front of {@code unixUri}.
     *
     * @throws IllegalStateException when socat is missing or does not listen within 5 s
     */
    static SocatEndpoint inFrontOf(String unixUri) throws IOException, InterruptedException {
        if (!unixUri.startsWith("unix://")) {
            throw new IllegalStateException("The test engine is at " + unixUri + "; these tests put socat in front of a"
                    + " Unix socket");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SocatEndpoint endpoint = new SocatEndpoint(Path.of(unixUri.substring("unix://".length())), port);
        endpoint.start();
        return endpoint;
    }

    /** The engine's address over TCP, {@code tcp://127.0.0.1:PORT}. */
    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts listening again on the same port (after {@link #stop()}). */
    void start() throws IOException, InterruptedException {
        if (!Files.exists(socket)) {
            throw new IllegalStateException("No engine socket at " + socket);
        }
        try {
            process = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                    "UNIX-CONNECT:" + socket).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException missing) {
            throw new IllegalStateException("Cannot start socat (" + missing.getMessage() + "); install it with"
                    + " `bash scripts/docker-engine.sh` (apt-get install socat)", missing);
        }
        Process started = process;
        try {
            await("socat listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(5))
                    .until(() -> listening() || !started.isAlive());
        } catch (ConditionTimeoutException notYet) {
            // Reported below.
        }
        if (!listening()) {
            stop();
            throw new IllegalStateException("socat did not listen on 127.0.0.1:" + port + " within 5 s");
        }
    }

    private boolean listening() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops listening and cuts every connection it serves. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
