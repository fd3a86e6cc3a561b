package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.lattice.engine.ImageNotFoundException;
import dev.lattice.engine.LatticeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Resolves base image references to ids and configurations: the local image first, else one pull
 * that fails fast. Configurations are memoized by id (an id's configuration never changes).
 */
public final class BaseImages {

    private static final Logger LOG = LoggerFactory.getLogger(BaseImages.class);

    private static final Map<String, ImageConfig> CONFIG_BY_ID = new ConcurrentHashMap<>();

    private final DockerClient docker;
    private final Duration pullLimit;

    /** Creates a resolver on one engine that gives up a pull after {@code pullLimit}. */
    public BaseImages(DockerClient docker, Duration pullLimit) {
        this.docker = docker;
        this.pullLimit = pullLimit;
    }

    /** Returns the id of the image, pulling it once if it is not local. */
    public String resolveId(String reference, ImageIndex index) {
        if (reference.startsWith("sha256:")) {
            return reference;
        }
        return index.idOf(reference).orElseGet(() -> pull(reference));
    }

    /** Returns the configuration of an image by id. */
    public ImageConfig config(String imageId) {
        return CONFIG_BY_ID.computeIfAbsent(imageId, id -> toConfig(docker.inspectImageCmd(id).exec()));
    }

    private String pull(String reference) {
        String tagged = ImageIndex.withTag(reference);
        // The engine takes a digest (name@sha256:...) where it takes a tag.
        int split = tagged.contains("@") ? tagged.indexOf('@') : tagged.lastIndexOf(':');
        try {
            // One attempt, no retries: without a registry the engine answers at once.
            ResultCallback.Adapter<PullResponseItem> pulling = docker.pullImageCmd(tagged.substring(0, split))
                    .withTag(tagged.substring(split + 1)).exec(new ResultCallback.Adapter<>());
            if (!pulling.awaitCompletion(pullLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                // Closing the stream makes the engine cancel the pull.
                StreamClosing.quietly(pulling, LOG, "the pull of " + reference);
                throw new ImageNotFoundException(reference, "the pull did not finish within its time limit of "
                        + TimeLimits.format(pullLimit) + "; " + TimeLimits.raisePull(), null);
            }
            return docker.inspectImageCmd(tagged).exec().getId();
        } catch (DockerException failed) {
            throw new ImageNotFoundException(reference, failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LatticeException("Interrupted while pulling " + reference, interrupted);
        }
    }

    private static ImageConfig toConfig(InspectImageResponse image) {
        ContainerConfig config = image.getConfig();
        if (config == null) {
            return ImageConfig.empty();
        }
        TreeSet<Integer> ports = new TreeSet<>();
        if (config.getExposedPorts() != null) {
            for (ExposedPort port : config.getExposedPorts()) {
                ports.add(port.getPort());
            }
        }
        return new ImageConfig(
                config.getEnv() == null ? List.of() : Arrays.asList(config.getEnv()),
                config.getWorkingDir() == null ? "" : config.getWorkingDir(),
                config.getUser() == null ? "" : config.getUser(),
                config.getEntrypoint() == null ? List.of() : Arrays.asList(config.getEntrypoint()),
                config.getCmd() == null ? List.of() : Arrays.asList(config.getCmd()),
                ports,
                config.getLabels() == null ? new TreeMap<>() : new TreeMap<>(config.getLabels()),
                Optional.empty());
    }
}
