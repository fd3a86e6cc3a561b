package dev.lattice.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine is found the way Testcontainers finds it, in a JVM with neither of the build's Testcontainers variables
 * (an IDE run), and every way of not finding one fails within seconds, naming the endpoint, the cause and the fix.
 */
class EngineDiscoveryTest {

    /** What Testcontainers writes into ~/.testcontainers.properties after it once found the local socket. */
    private static final String REMEMBERED_LOCAL_SOCKET =
            "docker.client.strategy=org.testcontainers.dockerclient.UnixSocketClientProviderStrategy\n";

    @Test
    void anIdeRunWithoutTheRyukVariableWorksWithinSeconds() throws Exception {
        ConnectInFreshJvm.Outcome outcome = ConnectInFreshJvm.run(Map.of(), REMEMBERED_LOCAL_SOCKET, 90);

        assertThat(outcome.finished()).as("finished within 90 s; printed:%n%s", outcome.output()).isTrue();
        assertThat(outcome.output()).contains("OK unix:///var/run/docker.sock");
        assertThat(outcome.millis()).isLessThan(30_000);
    }

    @Test
    void aDockerHostWhereNoEngineAnswersIsNamedNotSilentlyReplacedByTheLocalSocket() throws Exception {
        String deadHost = "tcp://127.0.0.1:" + closedPort();

        ConnectInFreshJvm.Outcome outcome = ConnectInFreshJvm.run(Map.of("DOCKER_HOST", deadHost),
                REMEMBERED_LOCAL_SOCKET, 90);

        assertThat(outcome.finished()).as("finished within 90 s; printed:%n%s", outcome.output()).isTrue();
        assertThat(outcome.output())
                .doesNotContain("OK ")
                .contains("FAILED dev.lattice.engine.EngineUnavailableException: DOCKER_HOST=" + deadHost
                        + " is set, but no Docker engine answers there (java.net.ConnectException: ")
                .contains("Connection refused")
                .contains("correct DOCKER_HOST, or remove it to use unix:///var/run/docker.sock");
        assertThat(outcome.millis()).isLessThan(30_000);
    }

    @Test
    void aDockerHostSocketThatDoesNotExistIsNamed() throws Exception {
        String missing = "unix:///tmp/lattice-no-engine-" + ProcessHandle.current().pid() + ".sock";

        ConnectInFreshJvm.Outcome outcome = ConnectInFreshJvm.run(Map.of("DOCKER_HOST", missing), null, 90);

        assertThat(outcome.finished()).as("finished within 90 s; printed:%n%s", outcome.output()).isTrue();
        assertThat(outcome.output()).contains("FAILED dev.lattice.engine.EngineUnavailableException: DOCKER_HOST="
                + missing + " is set, but no Docker engine answers there (the socket "
                + missing.substring("unix://".length()) + " does not exist)");
        assertThat(outcome.millis()).isLessThan(30_000);
    }

    @Test
    void noEngineAnywhereNamesTheSocketTriedWhyAndTheFix() throws Exception {
        // A mount namespace of its own hides the engine's socket from this JVM only (the machines run tests as root).
        List<String> withoutVarRun = List.of("unshare", "--mount", "sh", "-c",
                "mount -t tmpfs lattice-no-engine /var/run && exec \"$@\"", "sh");

        ConnectInFreshJvm.Outcome outcome = ConnectInFreshJvm.run(withoutVarRun, Map.of(), null, 90);

        assertThat(outcome.finished()).as("finished within 90 s; printed:%n%s", outcome.output()).isTrue();
        assertThat(outcome.output()).contains("FAILED dev.lattice.engine.EngineUnavailableException: No Docker engine"
                        + " answers. Tried unix:///var/run/docker.sock (the socket /var/run/docker.sock does not exist).")
                .contains("Start an engine (`bash scripts/docker-engine.sh` starts a local one), or point DOCKER_HOST");
        assertThat(outcome.millis()).isLessThan(30_000);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
