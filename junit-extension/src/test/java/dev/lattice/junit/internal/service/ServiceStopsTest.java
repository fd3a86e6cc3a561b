package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.report.SessionRecorder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.engine.Engine;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceRuntime;
import dev.lattice.service.ServiceSpec;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Waiting for a service's stop, against the real engine: what a use after a factory service's last cell relies on. */
class ServiceStopsTest {

    private static ServiceSpec napper() {
        return ServiceSpec.of("debian:bookworm-slim").named("napper").withCommand("sleep", "infinity")
                .withEnv("NONCE", UUID.randomUUID().toString());
    }

    @Test
    void aWaiterGoesOnOnceTheStopHasFinishedSoThatAnEqualDefinitionStartsAnew() throws Exception {
        try (Engine engine = Engine.connect(); ServiceRuntime runtime = ServiceRuntime.create(engine)) {
            ServiceStops stops = new ServiceStops(() -> runtime, new SessionRecorder());
            ServiceSpec napper = napper();
            Service first = runtime.start(napper);
            CompletableFuture<Service> afterTheStop = CompletableFuture.supplyAsync(() -> {
                stops.awaitStopped(first);
                return runtime.start(napper);
            });

            assertThatThrownBy(() -> afterTheStop.get(500, TimeUnit.MILLISECONDS))
                    .as("waiting while no stop was asked for").isInstanceOf(TimeoutException.class);
            stops.stop(first);
            Service second = afterTheStop.get(60, TimeUnit.SECONDS);

            assertThat(second.containerId()).isNotEqualTo(first.containerId());
            assertThat(DockerConnection.testcontainersClient().inspectContainerCmd(second.containerId()).exec()
                    .getState().getRunning()).as("the new service running").isTrue();
            stops.close();
        }
    }

    @Test
    void closingLetsGoOfWhoeverWaitsForAStopThatWillNotRun() throws Exception {
        try (Engine engine = Engine.connect(); ServiceRuntime runtime = ServiceRuntime.create(engine)) {
            ServiceStops stops = new ServiceStops(() -> runtime, new SessionRecorder());
            Service service = runtime.start(napper());
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> stops.awaitStopped(service));
            assertThatThrownBy(() -> waiting.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            stops.close();

            waiting.get(10, TimeUnit.SECONDS);
            stops.stop(service);
            assertThat(DockerConnection.testcontainersClient().inspectContainerCmd(service.containerId()).exec()
                    .getState().getRunning()).as("a stop asked for after closing is left to the run's cleanup")
                    .isTrue();
        }
    }
}
