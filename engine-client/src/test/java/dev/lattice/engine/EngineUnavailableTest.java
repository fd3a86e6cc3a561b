package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without an engine, connecting fails (never skips) and says how to start one. */
class EngineUnavailableTest {

    @Test
    void missingEngineFailsWithTheFix() {
        DockerClient unreachable = (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DockerClient.class}, (proxy, method, args) -> {
                    throw new RuntimeException("java.io.IOException: connect to /var/run/docker.sock failed: No such file");
                });

        assertThatThrownBy(() -> Engine.builder().dockerClient(unreachable).build())
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("bash scripts/docker-engine.sh")
                .hasMessageContaining("DOCKER_HOST")
                .hasMessageContaining("No such file");
    }
}
