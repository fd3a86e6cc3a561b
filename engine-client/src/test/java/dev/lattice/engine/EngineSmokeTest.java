package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.lattice.engine.internal.DockerConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The foundation: the Testcontainers-configured client starts a container, runs a command, reads it, removes it. */
class EngineSmokeTest {

    @Test
    void startsAContainerRunsACommandReadsItsOutputAndRemovesIt() throws Exception {
        DockerClient docker = DockerConnection.testcontainersClient();
        DockerConnection.hostKey(docker);
        String id = docker.createContainerCmd("debian:bookworm-slim")
                .withCmd("sh", "-c", "echo hello from $(uname -s)")
                .withLabels(RunLabels.current().forKind("step"))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).start().awaitStatusCode(30, TimeUnit.SECONDS);
            StringBuilder output = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
            assertThat(exit).isZero();
            assertThat(output.toString().trim()).isEqualTo("hello from Linux");
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(java.util.List.of(id)).exec()).isEmpty();
    }
}
