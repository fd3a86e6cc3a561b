package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.lattice.engine.RunLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CA bundle's volume on the real engine. */
class CaBundleTest {

    @Test
    void aVolumeWhoseFillFailedIsRemovedSoTheNextTryFillsIt(@TempDir Path dir) throws Exception {
        DockerClient docker = DockerConnection.testcontainersClient();
        // A bundle of its own (the machine's bundle plus a certificate of this test), so its volume is this test's.
        Path extra = dir.resolve("extra.crt");
        Files.write(extra, List.of(Files.readString(firstSystemCertificate(), StandardCharsets.US_ASCII),
                "# " + UUID.randomUUID()));
        CaBundle bundle = CaBundle.from(true, List.of(extra)).orElseThrow();
        String engineId = DockerConnection.testcontainersConnection().engineId();
        RunLabels labels = RunLabels.withRunId("ca-bundle-test-" + UUID.randomUUID());
        try {
            assertThatThrownBy(() -> bundle.ensureVolume(docker, labels, "sha256:" + "0".repeat(64), engineId))
                    .isInstanceOf(NotFoundException.class);
            assertThat(volumeExists(docker, bundle.volumeName())).as("volume left by the failed fill").isFalse();

            String base = docker.inspectImageCmd("debian:bookworm-slim").exec().getId();
            bundle.ensureVolume(docker, labels, base, engineId);
            assertThat(volumeExists(docker, bundle.volumeName())).isTrue();
        } finally {
            try {
                docker.removeVolumeCmd(bundle.volumeName()).exec();
            } catch (NotFoundException never) {
                // The assertions above say why.
            }
        }
    }

    private static Path firstSystemCertificate() throws Exception {
        try (var certificates = Files.list(Path.of("/etc/ssl/certs"))) {
            return certificates.filter(path -> path.toString().endsWith(".pem")).sorted().findFirst().orElseThrow();
        }
    }

    private static boolean volumeExists(DockerClient docker, String name) {
        try {
            docker.inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }
}
