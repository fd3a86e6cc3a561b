package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Secret files of one exec: a transient volume holding them, bound file by file at their paths.
 *
 * @param volume the volume, null when there are no secret files
 * @param binds  the binds of the files into the exec's container
 */
record SecretFiles(String volume, List<Bind> binds) {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    /** No secret files. */
    static final SecretFiles NONE = new SecretFiles(null, List.of());

    /** Writes the files, by path in the exec's container, into a new volume through a never-started helper. */
    static SecretFiles prepare(DockerClient docker, RunLabels labels, String anyImageId, Map<String, SecretValue> files) {
        if (files.isEmpty()) {
            return NONE;
        }
        String volume = "lattice-secret-" + UUID.randomUUID();
        docker.createVolumeCmd().withName(volume).withLabels(labels.forKind("secret")).exec();
        String helper = docker.createContainerCmd(anyImageId).withEntrypoint("/lattice-never-started")
                .withLabels(labels.forKind("step"))
                .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                        new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/lattice-secrets"))))
                .exec().getId();
        List<String> paths = new ArrayList<>(files.keySet());
        try (LayerArchive archive = LayerArchive.create()) {
            for (int i = 0; i < paths.size(); i++) {
                archive.bytes("/lattice-secrets/" + i, files.get(paths.get(i)).reveal().getBytes(StandardCharsets.UTF_8),
                        0444);
            }
            archive.finish();
            try (InputStream in = Files.newInputStream(archive.file())) {
                docker.copyArchiveToContainerCmd(helper).withRemotePath("/").withTarInputStream(in).exec();
            }
        } catch (IOException e) {
            throw new LatticeException("Cannot prepare secret files: " + e.getMessage(), e);
        } finally {
            // Quietly: a failed removal must not hide why the files could not be written.
            ContainerRemoval.quietly(docker, helper);
        }
        // Bind sources are paths on the engine's host: the volume's mount point there.
        String mountpoint = docker.inspectVolumeCmd(volume).exec().getMountpoint();
        List<Bind> binds = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            binds.add(new Bind(mountpoint + "/" + i, new Volume(paths.get(i)), AccessMode.ro));
        }
        return new SecretFiles(volume, binds);
    }

    /** Removes the volume, quietly: the run's cleanup removes it at the latest. */
    void remove(DockerClient docker) {
        if (volume != null) {
            try {
                docker.removeVolumeCmd(volume).exec();
            } catch (DockerException stillInUse) {
                LOG.debug("Cannot remove secret volume {} now; the run's cleanup removes it", volume, stillInUse);
            }
        }
    }
}
