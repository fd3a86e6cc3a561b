package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns containers into a layer's cache image, tagged with its key and labelled as cache: a created, never started
 * container with exactly the layer's image configuration (copy and configuration layers), or an exec's container.
 */
final class LayerCommits {

    private final DockerClient docker;
    private final RunLabels labels;
    private final ContainerReaper reaper;

    LayerCommits(DockerClient docker, RunLabels labels, ContainerReaper reaper) {
        this.docker = docker;
        this.labels = labels;
        this.reaper = reaper;
    }

    /** Creates (never starts) a container of the parent image with exactly the layer's image configuration. */
    String createConfigured(Layer layer, String parentImageId) {
        ImageConfig config = layer.config();
        CreateContainerCmd create = docker.createContainerCmd(parentImageId)
                .withEntrypoint(config.entrypoint().toArray(String[]::new))
                .withCmd(config.cmd().toArray(String[]::new))
                .withEnv(config.env())
                .withLabels(imageLabels(layer))
                .withExposedPorts(config.exposedPorts().stream().map(ExposedPort::tcp).toList());
        if (!config.workdir().isEmpty()) {
            create.withWorkingDir(config.workdir());
        }
        if (!config.user().isEmpty()) {
            create.withUser(config.user());
        }
        config.healthcheck().ifPresent(check -> create.withHealthcheck(dockerHealthcheck(check)));
        return create.exec().getId();
    }

    /** Copies the archive (if any) into the created container, commits it as the layer's image and removes it. */
    String commitConfigured(Layer layer, String container, LayerArchive archive) {
        try {
            if (archive != null) {
                putArchive(container, archive, layer);
            }
            return docker.commitCmd(container).withRepository(StepImages.CACHE_REPOSITORY).withTag(layer.key())
                    .withPause(false).exec();
        } finally {
            reaper.removeLater(container);
        }
    }

    /**
     * Commits an exec's running container as the layer's image. The container runs {@code sleep infinity}, so the
     * image takes the layer's command in its place.
     */
    String commitExec(Layer layer, String container) {
        return docker.commitCmd(container).withRepository(StepImages.CACHE_REPOSITORY)
                .withTag(layer.key()).withLabels(imageLabels(layer)).withPause(false)
                .withCmd(layer.config().cmd().toArray(String[]::new)).exec();
    }

    /** Unpacks the archive of {@code layer} at the root of the container's filesystem and returns the container. */
    String putArchive(String container, LayerArchive archive, Layer layer) {
        try (InputStream in = Files.newInputStream(archive.file())) {
            docker.copyArchiveToContainerCmd(container).withRemotePath("/").withTarInputStream(in).exec();
            return container;
        } catch (IOException e) {
            throw new LatticeException("Cannot copy files for " + layer.description() + ": " + e.getMessage(), e);
        }
    }

    private static HealthCheck dockerHealthcheck(ImageConfig.Healthcheck check) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(check.command());
        long interval = check.interval().toNanos();
        return new HealthCheck().withTest(test).withInterval(interval).withTimeout(interval).withRetries(3);
    }

    /** The labels of the layer's image: the layer's own, the run's (as cache) and its key. */
    Map<String, String> imageLabels(Layer layer) {
        Map<String, String> all = new TreeMap<>(layer.config().labels());
        all.putAll(labels.forKind("cache"));
        all.put(StepImages.KEY_LABEL, layer.key());
        if (layer.isVolatile()) {
            all.put(StepImages.VOLATILE_LABEL, "true");
        }
        return all;
    }
}
