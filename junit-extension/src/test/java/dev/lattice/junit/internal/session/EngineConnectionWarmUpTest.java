package dev.lattice.junit.internal.session;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JUnit run that has the extension on its class path opens the engine connection early. */
class EngineConnectionWarmUpTest {

    @Test
    void isRegisteredAsALauncherSessionListener() {
        assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
                .contains(EngineConnectionWarmUp.class);
    }

    @Test
    void findsTheEngineThisMachineConfigures() {
        assertThat(EngineConnectionWarmUp.engineConfigured()).as("DOCKER_HOST, /var/run/docker.sock or"
                + " ~/.testcontainers.properties").isTrue();
    }
}
