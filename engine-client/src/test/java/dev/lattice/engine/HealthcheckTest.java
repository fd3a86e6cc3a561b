package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A declared health check lands in the image's configuration and the Docker engine runs it. */
@ExtendWith(ClassEngine.class)
class HealthcheckTest {

    @Test
    void healthcheckIsRecordedInTheImageAndDecidesTheContainersHealth(Engine engine) {
        Container app = Container.from(BASE)
                .withExec("sh", "-c", "echo " + TestEngines.nonce() + " > /ready")
                .withEntrypoint("sleep", "infinity");
        Image healthy = engine.solve("healthy", app.withHealthcheck(Duration.ofMillis(200), "test", "-e", "/ready"));
        Image unhealthy = engine.solve("unhealthy", app.withHealthcheck(Duration.ofMillis(200), "test", "-e", "/nope"));

        HealthCheck recorded = TestEngines.docker().inspectImageCmd(healthy.id()).exec().getConfig().getHealthcheck();
        assertThat(recorded.getTest()).containsExactly("CMD", "test", "-e", "/ready");
        assertThat(recorded.getInterval()).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(recorded.getRetries()).isEqualTo(3);

        assertThat(healthOfAContainerOf(engine, healthy)).isEqualTo("healthy");
        assertThat(healthOfAContainerOf(engine, unhealthy)).isEqualTo("unhealthy");
    }

    @Test
    void onlyAnImageThatDeclaresAHealthcheckHasOne(Engine engine) {
        Container plain = Container.from(BASE).withEnv("GREETING", "hello").withDefaultArgs("true");
        Container checked = plain.withHealthcheck(Duration.ofSeconds(5), "true");

        Image plainImage = engine.solve("plain", plain);
        Image checkedImage = engine.solve("checked", checked);

        assertThat(engine.lastReport("plain").format()).doesNotContain("HEALTHCHECK");
        assertThat(engine.lastReport("checked").format()).contains("HEALTHCHECK --interval=5000ms CMD [true]");
        assertThat(checkedImage.id()).isNotEqualTo(plainImage.id());
        assertThat(TestEngines.docker().inspectImageCmd(plainImage.id()).exec().getConfig().getHealthcheck()).isNull();
    }

    @Test
    void aHealthcheckWithoutACommandSaysWhatToPass() {
        assertThatThrownBy(() -> Container.from(BASE).withHealthcheck(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withHealthcheck needs a command")
                .hasMessageContaining("Duration.ofSeconds(5), \"/app/healthcheck\"");
        assertThatThrownBy(() -> Container.from(BASE).withHealthcheck(Duration.ZERO, "true"))
                .hasMessageContaining("too short");
    }

    private static String healthOfAContainerOf(Engine engine, Image image) {
        DockerClient docker = TestEngines.docker();
        String container = docker.createContainerCmd(image.id())
                .withLabels(Map.of(RunLabels.RUN, engine.runLabels().runId())).exec().getId();
        try {
            docker.startContainerCmd(container).exec();
            String[] status = new String[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                status[0] = docker.inspectContainerCmd(container).exec().getState().getHealth().getStatus();
                return List.of("healthy", "unhealthy").contains(status[0]);
            });
            return status[0];
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
    }
}
