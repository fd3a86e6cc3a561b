package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import dev.lattice.engine.ImageNotFoundException;
import dev.lattice.engine.internal.DockerConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Any image as a service: sharing by definition, bindings, readiness failures and missing images. */
@ExtendWith(ClassServices.class)
class ServiceSpecStartTest {

    private static final String BASE = "debian:bookworm-slim";


    @Test
    void equalDefinitionsShareOneContainerAndFreshOnesGetTheirOwn(ServiceRuntime runtime) {
        ServiceSpec sleeper = ServiceSpec.of(BASE).named("sleeper").withCommand("sleep", "infinity");
        Service first = runtime.start(sleeper);
        Service again = runtime.start(ServiceSpec.of(BASE).named("sleeper").withCommand("sleep", "infinity"));
        Service fresh = runtime.start(sleeper.fresh());
        assertThat(again.containerId()).isEqualTo(first.containerId());
        assertThat(fresh.containerId()).isNotEqualTo(first.containerId());
        assertThat(sleeper.withEnv("A", "1").definitionDigest()).isNotEqualTo(sleeper.definitionDigest());
    }

    @Test
    void aStoppedServiceIsRemovedAndAnEqualDefinitionStartsAnew(ServiceRuntime runtime) {
        ServiceSpec napper = ServiceSpec.of(BASE).named("napper").withCommand("sleep", "infinity")
                .withEnv("NONCE", java.util.UUID.randomUUID().toString());
        Service first = runtime.start(napper);
        var docker = DockerConnection.testcontainersClient();

        runtime.stop(first);

        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(java.util.List.of(first.containerId()))
                .exec()).as("containers left of the stopped service").isEmpty();
        Service second = runtime.start(napper);
        assertThat(second.containerId()).isNotEqualTo(first.containerId());
        assertThat(docker.inspectContainerCmd(second.containerId()).exec().getState().getRunning()).isTrue();
        assertThatThrownBy(() -> runtime.stop(first))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is stopped already");
    }

    @Test
    void aBoundServiceReachesItsBindingByAlias(ServiceRuntime runtime) throws Exception {
        Service target = runtime.start(ServiceSpec.of(BASE).named("target").withCommand("sleep", "infinity"));
        Service app = runtime.start(ServiceSpec.of(BASE).named("app").withCommand("sleep", "infinity")
                .withBinding("db", target));
        var docker = DockerConnection.testcontainersClient();
        ExecCreateCmdResponse exec = docker.execCreateCmd(app.containerId())
                .withCmd("getent", "hosts", "db").withAttachStdout(true).exec();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(exec.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                com.github.dockerjava.api.model.Frame>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Frame frame) {
                out.append(new String(frame.getPayload()));
            }
        }).awaitCompletion(10, TimeUnit.SECONDS);
        assertThat(out.toString()).startsWith(target.ipAddress() + " ").contains("db");
    }

    @Test
    void aReadinessTimeoutFailsWithinItsBoundAndSaysWhy(ServiceRuntime runtime) {
        ServiceSpec silent = ServiceSpec.of(BASE).named("silent")
                .withCommand("sh", "-c", "echo starting; sleep infinity")
                .waitingFor(Ready.logLine("never printed", 1).withTimeout(Duration.ofSeconds(2)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> runtime.start(silent))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("Service \"silent\" (debian:bookworm-slim")
                .hasMessageContaining("check \"log line /never printed/ seen 1 time(s) within 2 s\" failed after")
                .hasMessageContaining("seen 0 of 1 time(s)")
                .hasMessageContaining("the container is still running")
                .hasMessageContaining("  | starting");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aContainerThatExitsFailsWithItsExitCodeAndLogs(ServiceRuntime runtime) {
        ServiceSpec crashing = ServiceSpec.of(BASE).named("crashing")
                .withCommand("sh", "-c", "echo cannot open config >&2; exit 3")
                .waitingFor(Ready.port(8080).withTimeout(Duration.ofSeconds(20)));
        assertThatThrownBy(() -> runtime.start(crashing))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("the container stopped with exit code 3")
                .hasMessageContaining("  | cannot open config");
    }

    @Test
    void aMissingImageWithNoRegistryFailsFastNamingTheImage(ServiceRuntime runtime) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> runtime.start(ServiceSpec.of("lattice-missing/never-built:1")))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("lattice-missing/never-built:1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void anHttpCheckWaitsForTheStatus(ServiceRuntime runtime) {
        // Any image that serves something other than HTTP: the catalog's Redis, built here if no earlier test did.
        Service web = runtime.start(ServiceSpec.of(runtime.prepareImage(ServiceCatalog.redis())).named("not-http")
                .withExposedPort(6379).withCommand("redis-server", "--port", "6379")
                .waitingFor(Ready.port(6379)));
        assertThat(web.mappedPort(6379)).isPositive();
        assertThatThrownBy(() -> web.mappedPort(80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service \"not-http\" does not publish port 80; it publishes [6379], so add"
                        + " withExposedPort(80)");
    }
}
