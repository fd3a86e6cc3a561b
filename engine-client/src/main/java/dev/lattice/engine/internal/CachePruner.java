package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Image;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.PruneResult;
import dev.lattice.engine.RunLabels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Removes cache images and cache volumes unused for a while, then the least recently used cache
 * images beyond a size budget. "Last used" is the latest of an image's (or volume's) creation and
 * the last solve (recorded in the state directory) that needed it; a volume whose age and use are
 * both unknown is kept. Images are untagged rather than deleted by id, so parents go away with their last child;
 * an entry that lost its tag to a later commit of the same key is deleted whatever the policy.
 */
public final class CachePruner {

    private final DockerClient docker;
    private final ExplainState states;
    private final Map<String, String> scope;

    /** Creates a pruner over every cache entry of the engine and the usage records in {@code cacheDir}. */
    public CachePruner(DockerClient docker, Path cacheDir) {
        this(docker, cacheDir, Map.of());
    }

    /** Creates a pruner limited to cache entries and volumes that carry all the {@code scope} labels. */
    public CachePruner(DockerClient docker, Path cacheDir, Map<String, String> scope) {
        this.docker = docker;
        this.states = new ExplainState(cacheDir);
        this.scope = Map.copyOf(scope);
    }

    /** Removes what the policy selects and returns it. */
    public PruneResult prune(PrunePolicy policy) {
        Map<String, Long> keyUse = new HashMap<>();
        Map<String, Long> volumeUse = new HashMap<>();
        for (Properties state : states.all()) {
            long solvedAt = Long.parseLong(state.getProperty("solved.at", "0"));
            for (String name : state.stringPropertyNames()) {
                if (name.endsWith(".key")) {
                    keyUse.merge(state.getProperty(name), solvedAt, Math::max);
                }
            }
            for (String volume : state.getProperty("volumes", "").split(",")) {
                if (!volume.isBlank()) {
                    volumeUse.merge(volume, solvedAt, Math::max);
                }
            }
        }
        long cutoff = System.currentTimeMillis() - policy.unusedFor().toMillis();
        List<String> removedImages = new ArrayList<>();
        List<String> removedVolumes = new ArrayList<>();
        long reclaimed = 0;

        Map<String, String> imageFilter = new HashMap<>(scope);
        imageFilter.put(RunLabels.MANAGED, "true");
        imageFilter.put(RunLabels.KIND, "cache");
        List<Image> images = new ArrayList<>(docker.listImagesCmd().withLabelFilter(imageFilter).exec());
        Map<String, Long> lastUse = new HashMap<>();
        for (Image image : images) {
            String key = image.getLabels() == null ? null : image.getLabels().get(StepImages.KEY_LABEL);
            long created = image.getCreated() == null ? 0 : image.getCreated() * 1000;
            lastUse.put(image.getId(), Math.max(created, key == null ? 0 : keyUse.getOrDefault(key, 0L)));
        }
        images.sort(Comparator.comparing((Image image) -> lastUse.get(image.getId())).reversed());
        long kept = 0;
        for (Image image : images) {
            long size = image.getSize() == null ? 0 : image.getSize();
            if (!isTagged(image)) {
                // An entry that lost its tag (two runs committed the same key, the later one took the tag) can
                // never be found by key again: it goes whatever the policy.
                if (removeById(image, removedImages)) {
                    reclaimed += size;
                }
                continue;
            }
            boolean unused = lastUse.get(image.getId()) < cutoff;
            boolean overBudget = policy.sizeBudgetBytes().isPresent() && kept + size > policy.sizeBudgetBytes().getAsLong();
            if (unused || overBudget) {
                if (untag(image, removedImages)) {
                    reclaimed += size;
                }
            } else {
                kept += size;
            }
        }

        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", volumeFilter()).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            String created = volume.getLabels() == null ? null : volume.getLabels().get(StepImages.CREATED_LABEL);
            if (created == null && !volumeUse.containsKey(volume.getName())) {
                continue; // Neither its age nor its last use is known: keep it rather than guess.
            }
            long lastUsed = Math.max(created == null ? 0 : parseOrZero(created), volumeUse.getOrDefault(volume.getName(), 0L));
            if (lastUsed < cutoff) {
                try {
                    docker.removeVolumeCmd(volume.getName()).exec();
                    removedVolumes.add(volume.getName());
                } catch (DockerException inUse) {
                    // A running exec uses it: it is not unused after all.
                }
            }
        }
        return new PruneResult(removedImages, removedVolumes, reclaimed);
    }

    private static long parseOrZero(String millis) {
        try {
            return Long.parseLong(millis);
        } catch (NumberFormatException notANumber) {
            return 0;
        }
    }

    private List<String> volumeFilter() {
        List<String> filter = new ArrayList<>();
        filter.add(RunLabels.KIND + "=cache-volume");
        scope.forEach((name, value) -> filter.add(name + "=" + value));
        return filter;
    }

    private static boolean isTagged(Image image) {
        return image.getRepoTags() != null
                && Arrays.stream(image.getRepoTags()).anyMatch(tag -> !tag.equals("<none>:<none>"));
    }

    private boolean removeById(Image image, List<String> removed) {
        try {
            docker.removeImageCmd(image.getId()).exec();
            removed.add(image.getId());
            return true;
        } catch (DockerException inUse) {
            // A container or a child image still uses it; the next prune gets it.
            return false;
        }
    }

    private boolean untag(Image image, List<String> removed) {
        boolean any = false;
        for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
            try {
                docker.removeImageCmd(tag).exec();
                removed.add(tag);
                any = true;
            } catch (DockerException inUse) {
                // A container still uses it; the next prune gets it.
            }
        }
        return any;
    }
}
