package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * Removes what one run created that is not cache: containers, networks, transient volumes (secrets)
 * and volatile images. Cache images and cache volumes stay.
 */
public final class RunCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(RunCleanup.class);

    private static final int MAX_CONCURRENT_REMOVALS = 8;
    /** The kind of the images Lattice commits, which containers started from them inherit. */
    private static final String IMAGE_KIND = "cache";
    private static final Duration REMOVAL_UNDER_WAY = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final RunLabels labels;

    /** Creates a cleanup for the run identified by {@code labels}. */
    public RunCleanup(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /** Removes this run's transient things; failures of single removals are ignored (already gone). */
    public void removeTransient() {
        removeMatching(Map.of(RunLabels.RUN, labels.runId()), ignored -> true);
    }

    /**
     * Removes transient things whose labels satisfy {@code owner}, among those carrying {@code filter}.
     *
     * @param filter labels every candidate must carry
     * @param owner  decides, from a candidate's labels, whether to remove it
     */
    public void removeMatching(Map<String, String> filter, Predicate<Map<String, String>> owner) {
        List<String> containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().stream()
                .filter(container -> createdByLattice(container.getLabels()) && owner.test(container.getLabels()))
                .map(Container::getId).toList();
        removeContainers(docker, containers);
        List<Network> networks = docker.listNetworksCmd().withFilter("label", labelFilters(filter)).exec();
        for (Network network : networks) {
            if (owner.test(network.getLabels())) {
                quietly(() -> docker.removeNetworkCmd(network.getId()).exec());
            }
        }
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd().withFilter("label", labelFilters(filter))
                .exec().getVolumes();
        if (volumes != null) {
            for (InspectVolumeResponse volume : volumes) {
                Map<String, String> volumeLabels = volume.getLabels();
                String kind = volumeLabels == null ? null : volumeLabels.get(RunLabels.KIND);
                if (!"cache-volume".equals(kind) && !"ca".equals(kind) && owner.test(volumeLabels)) {
                    quietly(() -> docker.removeVolumeCmd(volume.getName()).exec());
                }
            }
        }
        List<Image> images = docker.listImagesCmd().withLabelFilter(filter).exec();
        for (Image image : images) {
            Map<String, String> imageLabels = image.getLabels();
            if (imageLabels != null && "true".equals(imageLabels.get(StepImages.VOLATILE_LABEL))
                    && owner.test(imageLabels)) {
                // Untag instead of deleting by id: an image with children cannot be deleted, an untagged one
                // goes away with its last child.
                for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                    quietly(() -> docker.removeImageCmd(tag).exec());
                }
            }
        }
    }

    /**
     * Force-removes the containers (with their anonymous volumes) concurrently: stopping a container takes the
     * engine a while, and a run ends with dozens of them. Containers already gone are skipped.
     */
    public static void removeContainers(DockerClient docker, List<String> containerIds) {
        if (containerIds.size() <= 1) {
            containerIds.forEach(id -> removeContainer(docker, id));
            return;
        }
        ExecutorService removers = Executors.newFixedThreadPool(Math.min(containerIds.size(), MAX_CONCURRENT_REMOVALS),
                DaemonThreads.named("lattice-cleanup"));
        try {
            CompletableFuture.allOf(containerIds.stream()
                    .map(id -> CompletableFuture.runAsync(() -> removeContainer(docker, id), removers))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            removers.shutdown();
        }
    }

    /**
     * Removes the container and returns once it is gone. When another request is removing it already (the engine
     * answers 409), that removal may still hold the container's network endpoint, so this waits for it to finish.
     */
    private static void removeContainer(DockerClient docker, String id) {
        try {
            ContainerRemoval.request(docker, id);
        } catch (ConflictException removalUnderWay) {
            awaitGone(docker, id);
        } catch (DockerException alreadyGone) {
            // Another cleanup or the engine removed it first; the goal is reached either way.
            LOG.debug("Container {} not removed by this cleanup: {}", id, alreadyGone.getMessage());
        }
    }

    private static void awaitGone(DockerClient docker, String id) {
        long deadline = System.nanoTime() + REMOVAL_UNDER_WAY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                docker.inspectContainerCmd(id).exec();
                Thread.sleep(50);
            } catch (NotFoundException gone) {
                return;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether Lattice created the container: it gives each container it creates a kind of its own (step, service,
     * network-sandbox...), while a container another tool starts from an image Lattice built (a catalog image run by
     * Testcontainers' modules, a pipeline image run with {@code docker run}) inherits the image's labels, kind
     * {@code cache} included. Those are not Lattice's to remove.
     */
    private static boolean createdByLattice(Map<String, String> containerLabels) {
        return containerLabels != null && !IMAGE_KIND.equals(containerLabels.get(RunLabels.KIND));
    }

    private static List<String> labelFilters(Map<String, String> filter) {
        return filter.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static void quietly(Runnable removal) {
        try {
            removal.run();
        } catch (DockerException alreadyGone) {
            // Another cleanup or the engine removed it first; the goal is reached either way.
            LOG.debug("Not removed by this cleanup: {}", alreadyGone.getMessage());
        }
    }
}
