package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Exec steps reach a running service by alias; the key holds its definition digest, not its address. */
class ServiceBindingTest {

    @TempDir
    static Path stateDir;

    static Engine engine;
    static DockerClient docker = TestEngines.docker();
    static String network;
    static String service;

    @BeforeAll
    static void startService() {
        engine = TestEngines.builder(stateDir).build();
        network = docker.createNetworkCmd().withName("lattice-test-" + TestEngines.nonce().substring(0, 8))
                .withLabels(engine.runLabels().forKind("network")).exec().getId();
        service = docker.createContainerCmd(BASE).withCmd("sleep", "infinity")
                .withLabels(engine.runLabels().forKind("service"))
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(network))
                .exec().getId();
        docker.startContainerCmd(service).exec();
    }

    @AfterAll
    static void cleanUp() {
        docker.removeContainerCmd(service).withForce(true).exec();
        TestEngines.removeRunImages(engine);
        assertThat(docker.listNetworksCmd().withIdFilter(network).exec()).isEmpty();
    }

    @Test
    void execReachesTheServiceByAliasOnItsNetwork() {
        String ip = docker.inspectContainerCmd(service).exec().getNetworkSettings().getNetworks().values().iterator()
                .next().getIpAddress();
        ServiceBinding binding = new ServiceBinding() {
            public String definitionDigest() {
                return "db-definition-v1";
            }

            public String networkName() {
                return network;
            }

            public String ipAddress() {
                return ip;
            }
        };
        Container container = Container.from(BASE).withServiceBinding("db", binding)
                .withExec("sh", "-c", "getent hosts db | cut -d' ' -f1; echo " + TestEngines.nonce());

        assertThat(engine.stdout("bound", container).lines().findFirst()).contains(ip);
    }
}
