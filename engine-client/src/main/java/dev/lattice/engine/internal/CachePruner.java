package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Image;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.PruneResult;
import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes cache images and cache volumes that the policy selects: those unused for a while, those only older solves
 * of their pipelines used, then the least recently used cache images beyond a size budget. Solves are counted per
 * project and pipeline (see {@link SolveRecords}), and an entry one project's older solves used stays while the last
 * solves of any pipeline, of any project, use it: a step two pipelines share is one image. The prune of the command
 * and of the end of a run never removes what a given run recorded, nor what a live solver of another run recorded
 * (see {@link SolveRecords#isLive}); {@link #prune(PrunePolicy)} removes what the policy says whoever uses it. "Last used" is the latest of an image's (or volume's) creation and the last solve that needed it; a
 * volume whose age and use are both unknown is kept. Sizes count what removing an entry frees: the layers no kept
 * image (cache entry or not) also has. Images are untagged rather than deleted by id, so parents go away with their
 * last child; an entry that lost its tag to a later commit of the same key is deleted whatever the policy.
 */
public final class CachePruner {

    private static final Logger LOG = LoggerFactory.getLogger(CachePruner.class);

    /** The tag a solve gives its pipeline's final image: {@code lattice/<pipeline>:<12 hex digits of its key>}. */
    private static final Pattern PIPELINE_REFERENCE = Pattern.compile("lattice/[^:]+:[0-9a-f]{12}");
    // The name a push to a registry cache gives an entry for the push's time; a process killed meanwhile leaves it.
    private static final Pattern REGISTRY_PUSH_REFERENCE = Pattern.compile(".+/step:[0-9a-f]{64}");

    private final DockerClient docker;
    private final ExplainState states;
    private final SolveRecords records;
    private final Map<String, String> scope;

    /** Creates a pruner over every cache entry of the engine and the usage records in {@code cacheDir}. */
    public CachePruner(DockerClient docker, Path cacheDir) {
        this(docker, cacheDir, Map.of());
    }

    /** Creates a pruner limited to cache entries and volumes that carry all the {@code scope} labels. */
    public CachePruner(DockerClient docker, Path cacheDir, Map<String, String> scope) {
        this(docker, DockerConnection.hostKey(docker), cacheDir, scope);
    }

    /**
     * Creates a pruner for the engine with this id (as the connection read it) limited to cache entries and volumes
     * that carry all the {@code scope} labels.
     */
    public CachePruner(DockerClient docker, String engineId, Path cacheDir, Map<String, String> scope) {
        this.docker = docker;
        this.states = new ExplainState(cacheDir);
        this.records = new SolveRecords(cacheDir, engineId);
        this.scope = Map.copyOf(scope);
    }

    /**
     * Removes what the policy selects and returns it, whoever uses it: what an engine still open recorded goes too.
     *
     * @param policy what to remove
     * @return what was removed and the bytes that frees
     */
    public PruneResult prune(PrunePolicy policy) {
        return prune(policy, null, false, false);
    }

    /**
     * Removes (or only lists) what the policy selects, never what a given run or a live solver of any run recorded,
     * and returns it.
     *
     * @param policy what to remove
     * @param keptRun a run whose recorded entries and volumes stay whatever the policy; null for none
     * @param dryRun list what would be removed, remove nothing
     * @return what was (or would be) removed and the bytes that frees
     */
    public PruneResult prune(PrunePolicy policy, String keptRun, boolean dryRun) {
        return prune(policy, keptRun, dryRun, true);
    }

    private PruneResult prune(PrunePolicy policy, String keptRun, boolean dryRun, boolean keepLive) {
        Usage usage = usage(policy, keptRun, keepLive);
        long now = System.currentTimeMillis();
        long unusedMillis = policy.unusedFor().getSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
                : policy.unusedFor().toMillis();
        long cutoff = unusedMillis >= now ? Long.MIN_VALUE : now - unusedMillis;

        // Every image of the engine, for what holds which layers; the cache entries in scope are candidates.
        LayerTree tree = new LayerTree();
        Set<LayerTree.Node> held = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        List<Image> images = docker.listImagesCmd().withShowAll(true).exec();
        Set<String> parents = new HashSet<>();
        images.forEach(image -> parents.add(image.getParentId()));
        for (Image image : images) {
            List<LayerTree.Node> chain = chain(tree, image);
            if (chain == null) {
                continue; // Removed meanwhile.
            }
            if (isEntry(image)) {
                String key = image.getLabels().get(StepImages.KEY_LABEL);
                long created = image.getCreated() == null ? 0 : image.getCreated() * 1000;
                long lastUse = Math.max(created, key == null ? 0 : usage.keyUse.getOrDefault(key, 0L));
                entries.add(new Entry(image, key, chain, lastUse));
            } else if (isTagged(image) || !parents.contains(image.getId())) {
                // What stays holds its layers; an untagged parent goes with its children, so it holds nothing.
                held.addAll(chain);
            }
        }

        // The kept run's entries first (they stay whatever the budget), then the most recently used.
        entries.sort(Comparator.comparing((Entry entry) -> !usage.keptKeys.contains(entry.key))
                .thenComparing(Comparator.comparingLong((Entry entry) -> entry.lastUse).reversed()));
        long kept = 0;
        List<Entry> toRemove = new ArrayList<>();
        for (Entry entry : entries) {
            boolean keep;
            long size = tree.sizeBeyond(List.of(entry.chain), held);
            if (!isTagged(entry.image)) {
                // An entry that lost its tag (two runs committed the same key, the later one took the tag) can
                // never be found by key again: it goes whatever the policy.
                keep = false;
            } else if (entry.key != null && usage.keptKeys.contains(entry.key)) {
                keep = true;
            } else {
                boolean unused = entry.lastUse < cutoff;
                boolean superseded = entry.key != null && usage.supersededKeys.contains(entry.key);
                boolean overBudget = policy.sizeBudgetBytes().isPresent()
                        && kept + size > policy.sizeBudgetBytes().getAsLong();
                keep = !unused && !superseded && !overBudget;
            }
            if (keep) {
                kept += size;
                held.addAll(entry.chain);
            } else {
                toRemove.add(entry);
            }
        }

        List<String> removedImages = new ArrayList<>();
        List<List<LayerTree.Node>> freed = new ArrayList<>();
        for (Entry entry : toRemove) {
            List<String> removed = dryRun ? names(entry.image)
                    : isTagged(entry.image) ? untag(entry.image) : removeById(entry.image);
            if (removed.isEmpty()) {
                held.addAll(entry.chain); // Still in use: it stays, with its layers.
            } else {
                removedImages.addAll(removed);
                freed.add(entry.chain);
            }
        }
        long reclaimed = tree.sizeBeyond(freed, held);
        List<String> removedVolumes = pruneVolumes(usage, cutoff, dryRun);
        if (!dryRun) {
            records.forget(policy.keepLastSolves().orElse(Integer.MAX_VALUE), cutoff, keptRun);
        }
        return new PruneResult(removedImages, removedVolumes, reclaimed);
    }

    /** When each key and volume was last used, which only older solves used, and which the kept run or a live solver used. */
    private Usage usage(PrunePolicy policy, String keptRun, boolean keepLive) {
        Usage usage = new Usage();
        for (Properties state : states.all()) {
            long solvedAt = Long.parseLong(state.getProperty("solved.at", "0"));
            for (String name : state.stringPropertyNames()) {
                if (name.endsWith(".key")) {
                    usage.keyUse.merge(state.getProperty(name), solvedAt, Math::max);
                }
            }
            for (String volume : state.getProperty("volumes", "").split(",")) {
                if (!volume.isBlank()) {
                    usage.volumeUse.merge(volume, solvedAt, Math::max);
                }
            }
        }
        Set<String> recentKeys = new HashSet<>();
        Set<String> recentVolumes = new HashSet<>();
        int keepLast = policy.keepLastSolves().orElse(Integer.MAX_VALUE);
        for (List<SolveRecords.Solve> solves : records.byPipeline()) {
            for (int i = 0; i < solves.size(); i++) {
                SolveRecords.Solve solve = solves.get(i);
                solve.keys().forEach(key -> usage.keyUse.merge(key, solve.at(), Math::max));
                solve.volumes().forEach(volume -> usage.volumeUse.merge(volume, solve.at(), Math::max));
                // Superseded only once no group's recent solves use it: recent wins over superseded below.
                (i < keepLast ? recentKeys : usage.supersededKeys).addAll(solve.keys());
                (i < keepLast ? recentVolumes : usage.supersededVolumes).addAll(solve.volumes());
                if (solve.runId().equals(keptRun) || keepLive && records.isLive(solve, RunLabels.current().host())) {
                    usage.keptKeys.addAll(solve.keys());
                    usage.keptVolumes.addAll(solve.volumes());
                }
            }
        }
        usage.supersededKeys.removeAll(recentKeys);
        usage.supersededVolumes.removeAll(recentVolumes);
        return usage;
    }

    private List<String> pruneVolumes(Usage usage, long cutoff, boolean dryRun) {
        List<String> removed = new ArrayList<>();
        List<InspectVolumeResponse> volumes = docker.listVolumesCmd()
                .withFilter("label", volumeFilter()).exec().getVolumes();
        for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            String name = volume.getName();
            if (usage.keptVolumes.contains(name)) {
                continue;
            }
            String created = volume.getLabels() == null ? null : volume.getLabels().get(StepImages.CREATED_LABEL);
            boolean superseded = usage.supersededVolumes.contains(name);
            if (created == null && !usage.volumeUse.containsKey(name)) {
                continue; // Neither its age nor its last use is known: keep it rather than guess.
            }
            long lastUsed = Math.max(created == null ? 0 : parseOrZero(created), usage.volumeUse.getOrDefault(name, 0L));
            if (lastUsed < cutoff || superseded) {
                try {
                    if (!dryRun) {
                        docker.removeVolumeCmd(name).exec();
                    }
                    removed.add(name);
                } catch (DockerException inUse) {
                    // A running exec uses it: it is not unused after all.
                    LOG.debug("Cache volume {} kept: {}", name, inUse.getMessage());
                }
            }
        }
        return removed;
    }

    /** The image's layer chain in the tree, or null when the image is gone. */
    private List<LayerTree.Node> chain(LayerTree tree, Image image) {
        try {
            InspectImageResponse inspected = docker.inspectImageCmd(image.getId()).exec();
            List<String> layers = inspected.getRootFS() == null || inspected.getRootFS().getLayers() == null
                    ? List.of() : inspected.getRootFS().getLayers();
            long size = inspected.getSize() != null ? inspected.getSize() : image.getSize() == null ? 0 : image.getSize();
            return tree.add(layers, size);
        } catch (DockerException gone) {
            LOG.debug("Image {} is gone already", image.getId());
            return null;
        }
    }

    /**
     * Whether an image is a cache entry in scope that prune may remove: not one that also carries a name of its own
     * (a catalog service's {@code lattice/postgres:15}, or a user's tag), which stays for whoever uses that name.
     */
    private boolean isEntry(Image image) {
        Map<String, String> labels = image.getLabels();
        if (labels == null || !"true".equals(labels.get(RunLabels.MANAGED)) || !"cache".equals(labels.get(RunLabels.KIND))) {
            return false;
        }
        if (image.getRepoTags() != null && Arrays.stream(image.getRepoTags()).anyMatch(tag -> !tag.equals("<none>:<none>")
                && !tag.startsWith(StepImages.CACHE_REPOSITORY + ":") && !PIPELINE_REFERENCE.matcher(tag).matches()
                && !REGISTRY_PUSH_REFERENCE.matcher(tag).matches())) {
            return false;
        }
        return scope.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
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

    private static List<String> names(Image image) {
        return isTagged(image) ? Arrays.stream(image.getRepoTags()).filter(tag -> !tag.equals("<none>:<none>")).toList()
                : List.of(image.getId());
    }

    private List<String> removeById(Image image) {
        try {
            docker.removeImageCmd(image.getId()).exec();
            return List.of(image.getId());
        } catch (DockerException inUse) {
            // A container or a child image still uses it; the next prune gets it.
            LOG.debug("Image {} kept: {}", image.getId(), inUse.getMessage());
            return List.of();
        }
    }

    private List<String> untag(Image image) {
        List<String> removed = new ArrayList<>();
        for (String tag : names(image)) {
            try {
                docker.removeImageCmd(tag).exec();
                removed.add(tag);
            } catch (DockerException inUse) {
                // A container still uses it; the next prune gets it.
                LOG.debug("Tag {} kept: {}", tag, inUse.getMessage());
            }
        }
        return removed;
    }

    /** A cache entry in scope: its image, key, layer chain and last use. */
    private record Entry(Image image, String key, List<LayerTree.Node> chain, long lastUse) {
    }

    /** What the records say about use. */
    private static final class Usage {
        final Map<String, Long> keyUse = new HashMap<>();
        final Map<String, Long> volumeUse = new HashMap<>();
        final Set<String> supersededKeys = new HashSet<>();
        final Set<String> supersededVolumes = new HashSet<>();
        final Set<String> keptKeys = new HashSet<>();
        final Set<String> keptVolumes = new HashSet<>();
    }
}
