package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing pushes a solved image to a registry: here a real one, Debian's docker-registry built by the engine
 * and published on loopback only.
 */
class PublishTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // Debian's default configuration asks for htpasswd logins; this one stores images on disk, open to anyone.
    private static final byte[] REGISTRY_CONFIG = String.join("\n", "version: 0.1", "storage:",
            "  filesystem:", "    rootdirectory: /var/lib/docker-registry", "http:", "  addr: :5000", "")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    @Test
    void publishesASolvedImageToARegistryAndSaysWhenThePushIsRefused() throws Exception {
        Engine engine = TestEngines.builder(stateDir).build();
        DockerClient docker = TestEngines.docker();
        String registry = null;
        try {
            Image registryImage = engine.solve("registry", Container.from(BASE)
                    .withExec("apt-get", "update")
                    .withExec("apt-get", "install", "-y", "--no-install-recommends", "docker-registry")
                    .withFile("/etc/lattice-registry.yml", File.of("lattice-registry.yml", REGISTRY_CONFIG, 0644))
                    .withEntrypoint("docker-registry", "serve", "/etc/lattice-registry.yml")
                    .withExposedPort(5000));
            Ports loopbackOnly = new Ports();
            loopbackOnly.bind(ExposedPort.tcp(5000), Ports.Binding.bindIp("127.0.0.1"));
            registry = docker.createContainerCmd(registryImage.id())
                    .withLabels(engine.runLabels().forKind("test-registry"))
                    .withExposedPorts(ExposedPort.tcp(5000))
                    .withHostConfig(HostConfig.newHostConfig().withPortBindings(loopbackOnly))
                    .exec().getId();
            docker.startContainerCmd(registry).exec();
            String port = docker.inspectContainerCmd(registry).exec().getNetworkSettings().getPorts().getBindings()
                    .get(ExposedPort.tcp(5000))[0].getHostPortSpec();
            String address = "127.0.0.1:" + port;
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> status("http://" + address + "/v2/") == 200);

            String tag = TestEngines.nonce().substring(0, 8);
            Container app = Container.from(BASE).withExec("sh", "-c", "echo " + tag + " > /published");
            engine.publish("published", app, address + "/lattice/published:" + tag);

            HttpResponse<String> tags = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://" + address + "/v2/lattice/published/tags/list")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tags.statusCode()).isEqualTo(200);
            assertThat(tags.body()).contains("\"" + tag + "\"");

            docker.stopContainerCmd(registry).withTimeout(1).exec();
            assertThatThrownBy(() -> engine.publish("published", app, address + "/lattice/published:gone"))
                    .isInstanceOf(LatticeException.class)
                    .hasMessageStartingWith("Cannot push " + address + "/lattice/published:gone: ");
        } finally {
            if (registry != null) {
                docker.removeContainerCmd(registry).withForce(true).exec();
            }
            removeTags(docker, "lattice/published");
            TestEngines.removeRunImages(engine);
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    /** The pushed references are tags of the engine's image store too; they go with the test. */
    private static void removeTags(DockerClient docker, String repository) {
        docker.listImagesCmd().exec().stream()
                .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.empty()
                        : java.util.stream.Stream.of(image.getRepoTags()))
                .filter(tag -> tag.contains("/" + repository + ":"))
                .forEach(tag -> docker.removeImageCmd(tag).withForce(true).exec());
    }
}
