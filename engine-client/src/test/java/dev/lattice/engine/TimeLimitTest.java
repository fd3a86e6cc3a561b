package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An exec, a pull or a push that goes on past its time limit fails with the step or image, the limit and how to raise
 * it. The registry here accepts connections on loopback and never answers, as a stuck registry would.
 */
class TimeLimitTest {

    private ServerSocket silentRegistry;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openSilentRegistry() throws IOException {
        silentRegistry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silentRegistry.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-registry");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void closeSilentRegistry() throws IOException {
        silentRegistry.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    @Test
    void anExecPastItsLimitIsStoppedAndItsContainerRemoved(@TempDir Path stateDir) {
        Engine engine = TestEngines.builder(stateDir).execTimeout(Duration.ofSeconds(2)).build();
        DockerClient docker = TestEngines.docker();
        Map<String, String> stepContainers = Map.of(RunLabels.RUN, engine.runLabels().runId(), RunLabels.KIND, "step");
        Container slow = Container.from(BASE).withEnv("NONCE", TestEngines.nonce())
                .withExec("sh", "-c", "echo started; sleep 20");
        try {
            assertThatThrownBy(() -> engine.solve("slow", slow)).isInstanceOf(StepFailedException.class)
                    .hasMessageContaining("Step [slow 1/2] RUN sh -c echo started; sleep 20 ran longer than its time"
                            + " limit of 2s and was stopped; raise it with Engine.builder().execTimeout(...) or"
                            + " -Dlattice.exec.timeout=")
                    .hasMessageContaining("| started");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(docker.listContainersCmd()
                    .withShowAll(true).withLabelFilter(stepContainers).exec()).as("step containers left").isEmpty());
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    @Test
    void aPullPastItsLimitFailsNamingTheImageAndTheLimit(@TempDir Path stateDir) {
        Engine engine = TestEngines.builder(stateDir).pullTimeout(Duration.ofSeconds(1)).build();
        String image = "127.0.0.1:" + silentRegistry.getLocalPort() + "/lattice-stuck:1";
        try {
            assertThatThrownBy(() -> engine.solve("stuck-pull", Container.from(image)))
                    .isInstanceOf(ImageNotFoundException.class)
                    .hasMessageContaining("Image " + image + " is not in the local image store and could not be pulled:"
                            + " the pull did not finish within its time limit of 1s; raise it with"
                            + " Engine.builder().pullTimeout(...) or -Dlattice.pull.timeout=");
        } finally {
            engine.close();
        }
    }

    @Test
    void aPushPastItsLimitFailsNamingTheReferenceAndTheLimit(@TempDir Path stateDir) {
        Engine engine = TestEngines.builder(stateDir).pushTimeout(Duration.ofSeconds(1)).build();
        String reference = "127.0.0.1:" + silentRegistry.getLocalPort() + "/lattice-stuck:1";
        try {
            assertThatThrownBy(() -> engine.publish("stuck-push", Container.from(BASE).withEnv("A", "1"), reference))
                    .isInstanceOf(LatticeException.class)
                    .hasMessageContaining("Cannot push " + reference + ": the push did not finish within its time limit"
                            + " of 1s; check that the registry answers, or raise it with"
                            + " Engine.builder().pushTimeout(...) or -Dlattice.push.timeout=");
        } finally {
            try {
                TestEngines.docker().removeImageCmd(reference).exec();
            } catch (RuntimeException notTagged) {
                // the publish failed before tagging
            }
            TestEngines.removeRunImages(engine);
        }
    }
}
