package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.lattice.engine.RunLabels;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The CA bundle's volume on the real engine. */
class CaBundleTest {

    @Test
    void aVolumeThatExistsButIsEmptyIsFilled(@TempDir Path dir) throws Exception {
        DockerClient docker = DockerConnection.testcontainersClient();
        // A bundle of its own (the machine's bundle plus a certificate of this test), so its volume is this test's.
        Path extra = dir.resolve("extra.crt");
        Files.write(extra, List.of(Files.readString(firstSystemCertificate(), StandardCharsets.US_ASCII),
                "# " + UUID.randomUUID()));
        CaBundle bundle = CaBundle.from(true, List.of(extra)).orElseThrow();
        RunLabels labels = RunLabels.withRunId("ca-bundle-test-" + UUID.randomUUID());
        String base = docker.inspectImageCmd("debian:bookworm-slim").exec().getId();
        // What a run killed while filling it leaves, or one whose fill failed.
        docker.createVolumeCmd().withName(bundle.volumeName()).withLabels(labels.forKind("ca")).exec();
        try {
            bundle.ensureVolume(docker, labels, base, DockerConnection.testcontainersConnection().engineId());

            assertThat(filesIn(docker, bundle.volumeName(), base))
                    .contains(CaBundle.PEM, CaBundle.TRUSTSTORE, CaBundle.FILLED_MARK);
        } finally {
            docker.removeVolumeCmd(bundle.volumeName()).exec();
        }
    }

    /** The names in the volume's top directory, read through a container that mounts it. */
    private static List<String> filesIn(DockerClient docker, String volume, String image) throws Exception {
        String reader = docker.createContainerCmd(image).withEntrypoint("/lattice-never-started")
                .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                        new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/ca"))))
                .exec().getId();
        try (InputStream tar = TarEntries.open(docker.copyArchiveFromContainerCmd(reader, "/ca/").exec())) {
            List<String> names = new ArrayList<>();
            for (TarArchiveEntry entry = TarEntries.next(tar); entry != null; entry = TarEntries.next(tar)) {
                names.add(Path.of(entry.getName()).getFileName().toString());
            }
            return names;
        } finally {
            docker.removeContainerCmd(reader).withForce(true).exec();
        }
    }

    private static Path firstSystemCertificate() throws Exception {
        try (var certificates = Files.list(Path.of("/etc/ssl/certs"))) {
            return certificates.filter(path -> path.toString().endsWith(".pem")).sorted().findFirst().orElseThrow();
        }
    }

}
