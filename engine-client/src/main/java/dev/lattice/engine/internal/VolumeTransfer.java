package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Carries a cache volume through the registry as an image: the pipeline's base image plus one layer holding the
 * volume's files under {@code /lattice-volume} (the base's layers are in the registry and on the other machine
 * already, so only that layer travels). Export: the files are read through a created (never started) container that
 * mounts the volume, put into another created container of the base, committed with the run's labels and pushed.
 * Import: the image is pulled, and a created container of it that mounts a new, empty volume at that path fills the
 * volume (the engine copies an image's files into an empty volume when a container mounting it is created). The
 * helper containers carry the run's labels; the images go once pushed or used.
 */
final class VolumeTransfer {

    private static final String PATH = "/lattice-volume";

    private final DockerClient docker;
    private final ContainerArchives archives;
    private final RunLabels labels;
    private final RegistryImages images;
    private final String repository;

    VolumeTransfer(DockerClient docker, RunLabels labels, RegistryImages images, String repository) {
        this.docker = docker;
        this.archives = new ContainerArchives(docker);
        this.labels = labels;
        this.images = images;
        this.repository = repository;
    }

    /**
     * Exports the volume to the registry, tagged with its name (which carries its key).
     *
     * @param baseImageId the base image of a pipeline whose exec mounted the volume
     * @param maxBytes    the largest volume exported
     * @return the size exported in bytes, or -1 when the volume is larger than {@code maxBytes} and was not pushed
     */
    long export(String volume, String baseImageId, long maxBytes, Duration limit) {
        Path archive = null;
        String reader = null;
        String holder = null;
        try {
            reader = docker.createContainerCmd(baseImageId).withEntrypoint("/lattice-never-started")
                    .withLabels(labels.forKind("volume-export"))
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                            new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(PATH)
                                    .withReadOnly(true))))
                    .exec().getId();
            archive = Files.createTempFile("lattice-volume-", ".tar");
            long size;
            // Closing the read drops the rest of a volume past maxBytes instead of reading it.
            try (ContainerArchives.Read files = archives.read(reader, PATH);
                 OutputStream out = Files.newOutputStream(archive)) {
                size = copyAtMost(files.archive(), out, maxBytes);
            }
            if (size < 0) {
                return -1;
            }
            holder = docker.createContainerCmd(baseImageId).withEntrypoint("/lattice-never-started")
                    .withLabels(labels.forKind("volume-export")).exec().getId();
            try (InputStream in = Files.newInputStream(archive)) {
                docker.copyArchiveToContainerCmd(holder).withRemotePath("/").withTarInputStream(in).exec();
            }
            Map<String, String> imageLabels = labels.forKind("volume-image");
            imageLabels.put(StepImages.VOLATILE_LABEL, "true"); // the run's cleanup removes it if the push is cut short
            String imageId = docker.commitCmd(holder).withRepository(repository).withTag(volume)
                    .withLabels(imageLabels).withPause(false).exec();
            images.push(imageId, repository, volume, limit);
            return size;
        } catch (IOException failed) {
            throw new LatticeException("Cannot export cache volume " + volume + ": " + failed.getMessage(), failed);
        } finally {
            if (reader != null) {
                ContainerRemoval.quietly(docker, reader);
            }
            if (holder != null) {
                ContainerRemoval.quietly(docker, holder);
            }
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException leftInTemp) {
                    // The temporary folder's own cleanup takes it.
                }
            }
        }
    }

    /**
     * Creates the volume with the entry's files; call only when the volume does not exist on the engine.
     *
     * @param volumeLabels the labels the new volume gets, as for a volume created empty
     */
    void importInto(String volume, Map<String, String> volumeLabels, Duration limit) {
        String imageId = images.pull(repository, volume, limit).getId();
        String container = null;
        try {
            docker.createVolumeCmd().withName(volume).withLabels(volumeLabels).exec();
            container = docker.createContainerCmd(imageId).withEntrypoint("/lattice-never-started")
                    .withLabels(labels.forKind("volume-import"))
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                            new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(PATH))))
                    .exec().getId();
        } finally {
            if (container != null) {
                ContainerRemoval.quietly(docker, container);
            }
            images.untag(repository + ":" + volume);
        }
    }

    /** Copies at most {@code max} bytes; returns the bytes copied, or -1 when there were more. */
    private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > max) {
                return -1;
            }
            out.write(buffer, 0, read);
        }
        return total;
    }
}
