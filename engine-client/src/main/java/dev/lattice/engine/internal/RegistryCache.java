package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The build cache one engine shares with other machines through an OCI registry ({@link RegistryCacheSettings}):
 * step entries are {@code REGISTRY/PREFIX/step:<key>}, cache volumes {@code REGISTRY/PREFIX/volume:<volume name>}.
 * Answers which keys the registry has, pulls an entry into the local cache (tagged as a local entry, so the local
 * cache and prune treat it as one), pushes in the background the steps this engine built and those of its local
 * entries the registry lacks, and, at the end of the run, waits for the pushes and exports the cache volumes the
 * run's execs filled.
 *
 * <p>The cache is an optimisation: a registry that is down gives one warning and the run builds locally, a push
 * that fails gives one warning, unless {@code lattice.cache.registry.required=true}. A registry that refuses this
 * machine's credentials fails the run whatever the setting: a wrong login is never what the user meant. So does a push
 * that does not finish within the push time limit ({@code lattice.push.timeout}): the run's end waits for pushes, and
 * a wait that runs out is said loudly rather than passed over.
 */
public final class RegistryCache {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryCache.class);

    private enum State { UNCHECKED, AVAILABLE, DOWN, REFUSED }

    private final RegistryCacheSettings settings; // null when off
    private final DockerClient docker;
    private final RegistryClient client;
    private final RegistryImages images;
    private final VolumeTransfer volumes;
    private final TimeLimits limits;
    private final PushQueue pushes;
    private final Object checking = new Object();
    private volatile State state = State.UNCHECKED;
    private volatile String refusal;
    private volatile String downMessage; // why the registry was found down, once it was
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean warnedDown = new AtomicBoolean();
    private final AtomicBoolean warnedPull = new AtomicBoolean();
    private final AtomicBoolean warnedPush = new AtomicBoolean();
    private final AtomicInteger timedOut = new AtomicInteger();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    // Cache volumes that execs of this run wrote to, with the base image of a pipeline that mounted each.
    private final Map<String, String> filledVolumes = new ConcurrentHashMap<>();
    // Keys this run pushes, or asks the registry about to push when it lacks them: each key once per run.
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final RegistryCacheStats stats = new RegistryCacheStats();
    private final boolean explain;

    private RegistryCache(RegistryCacheSettings settings, DockerClient docker, RunLabels labels, TimeLimits limits,
                          boolean explain) {
        this.settings = settings;
        this.explain = explain;
        this.docker = docker;
        this.limits = limits;
        this.client = settings == null ? null : new RegistryClient(settings);
        this.images = settings == null ? null : new RegistryImages(docker, client.credentials());
        this.volumes = settings == null ? null
                : new VolumeTransfer(docker, labels, images, settings.volumeRepository());
        this.pushes = settings == null ? null : new PushQueue(this::pushFailed);
    }

    /**
     * Returns the cache of one engine; with empty settings, one that is off and does nothing.
     *
     * @param explain whether the summary of the run's registry traffic goes to standard error (with
     *                {@code lattice.explain}'s reports) rather than to the log
     */
    public static RegistryCache of(Optional<RegistryCacheSettings> settings, DockerClient docker, RunLabels labels,
                                   TimeLimits limits, boolean explain) {
        return new RegistryCache(settings.orElse(null), docker, labels, limits, explain);
    }

    /** Whether a registry is configured. */
    boolean configured() {
        return settings != null;
    }

    /**
     * Returns which of the step keys the registry has; empty when it is off or down. The first key is asked alone
     * first: when the registry has it (a pipeline's last step), nothing else is needed; otherwise the others are asked
     * all at once.
     *
     * @param keys newest first, the first being the solve's last step
     * @throws LatticeException when the registry refuses this machine's credentials, or is down and required
     */
    Set<String> lookup(List<String> keys) {
        if (keys.isEmpty() || !availableToSolve()) {
            return Set.of();
        }
        long started = System.nanoTime();
        try {
            Set<String> found = client.existing("step", keys.subList(0, 1));
            stats.keysAsked.incrementAndGet();
            if (found.isEmpty() && keys.size() > 1) {
                found = client.existing("step", keys.subList(1, keys.size()));
                stats.keysAsked.addAndGet(keys.size() - 1L);
            }
            stats.lookups.add(started);
            stats.keysFound.addAndGet(found.size());
            return found;
        } catch (RegistryClient.Unreachable unreachable) {
            down(unreachable.getMessage());
        } catch (RegistryClient.CredentialsRefused refused) {
            refused(refused);
        }
        failIfUnusable();
        return Set.of();
    }

    /**
     * Pulls the entry of {@code key} and tags it as the local entry; empty when the pull failed (one warning; the
     * caller builds the step).
     *
     * @throws LatticeException when the pull failed and the registry is required
     */
    Optional<String> pull(String key) {
        String remote = settings.stepRepository() + ":" + key;
        try {
            long started = System.nanoTime();
            var pulled = images.pull(settings.stepRepository(), key, limits.pull());
            stats.pulls.add(started);
            String imageId = pulled.getId();
            Map<String, String> labels = pulled.getConfig() == null ? null : pulled.getConfig().getLabels();
            if (labels == null || !key.equals(labels.get(StepImages.KEY_LABEL))) {
                // Something else was pushed under the key: never use it.
                throw new RegistryImages.TransferFailed("the image under " + remote + " is not the Lattice step of"
                        + " that key (label " + StepImages.KEY_LABEL + " is " + (labels == null ? null
                        : labels.get(StepImages.KEY_LABEL)) + "); remove it from the registry");
            }
            docker.tagImageCmd(imageId, StepImages.CACHE_REPOSITORY, key).withForce().exec();
            return Optional.of(imageId);
        } catch (RegistryImages.TransferFailed | DockerException failed) {
            String message = "Cannot use the registry cache's entry " + remote + ": " + failed.getMessage();
            if (settings.required()) {
                throw new LatticeException(message + "; the registry cache is required ("
                        + RegistryCacheSettings.REQUIRED + "=true)", failed);
            }
            if (warnedPull.compareAndSet(false, true)) {
                LOG.warn("{}; the step is built locally instead (later failures of pulls are logged at debug level)",
                        message);
            } else {
                LOG.debug(message);
            }
            return Optional.empty();
        } finally {
            images.untag(remote);
        }
    }

    /**
     * Called for each step this engine built: pushed in the background (readwrite), its cache volumes noted.
     *
     * @param baseImageId the base image of the step's pipeline
     */
    void built(Layer layer, String imageId, String baseImageId) {
        if (settings == null || !settings.write() || layer.isVolatile()) {
            return;
        }
        if (layer.kind() == Layer.Kind.EXEC) {
            layer.exec().cacheMounts().values().forEach(volume -> filledVolumes.putIfAbsent(volume, baseImageId));
        }
        if (!handled.add(layer.key())) {
            return;
        }
        pushes.submit(() -> {
            if (!available()) {
                return;
            }
            long started = System.nanoTime();
            images.push(imageId, settings.stepRepository(), layer.key(), limits.push());
            stats.pushes.add(started);
        });
    }

    /**
     * Called with the steps of a solved pipeline that this engine's own cache held before the solve: in readwrite
     * mode the ones the registry lacks are pushed in the background, as built steps are, so a run on a warm engine
     * fills a registry that is new, was emptied or misses a step (a push that failed, a runner killed while pushing).
     * Every key is asked, all at once, once per run; nothing is asked on the solve's path.
     */
    void heldLocally(List<String> keys) {
        if (settings == null || !settings.write()) {
            return;
        }
        List<String> fresh = keys.stream().filter(handled::add).toList();
        if (fresh.isEmpty()) {
            return;
        }
        pushes.submit(() -> {
            if (!available()) {
                return;
            }
            Set<String> there;
            try {
                there = client.existing("step", fresh);
                stats.keysChecked.addAndGet(fresh.size());
            } catch (RegistryClient.Unreachable unreachable) {
                down(unreachable.getMessage()); // the run's end reports it when the registry is required
                return;
            } catch (RegistryClient.CredentialsRefused refused) {
                refused(refused); // the run's end reports it
                return;
            }
            for (String key : fresh) {
                if (there.contains(key)) {
                    continue;
                }
                long started = System.nanoTime();
                try {
                    images.push(StepImages.CACHE_REPOSITORY + ":" + key, settings.stepRepository(), key, limits.push());
                } catch (NotFoundException pruned) {
                    LOG.debug("Local cache entry {} is gone (pruned meanwhile): not pushed", key);
                    continue;
                }
                stats.pushes.add(started);
                stats.localPushes.incrementAndGet();
            }
        });
    }

    /**
     * Creates the cache volume from its registry entry, when the registry has one; call only when the volume does
     * not exist on the engine.
     *
     * @return whether the volume was created from the registry
     */
    boolean importVolume(String volume, Map<String, String> volumeLabels) {
        if (settings == null || !availableToSolve()) {
            return false;
        }
        long started = System.nanoTime();
        try {
            if (!client.exists("volume", volume)) {
                return false;
            }
            volumes.importInto(volume, volumeLabels, limits.pull());
            stats.volumeImports.add(started);
            LOG.info("Cache volume {} imported from the registry cache {} in {} ms", volume, settings.location(),
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RegistryClient.Unreachable unreachable) {
            down(unreachable.getMessage());
            failIfUnusable();
            return false;
        } catch (RegistryClient.CredentialsRefused refused) {
            refused(refused);
            failIfUnusable();
            return false;
        } catch (RegistryImages.TransferFailed | DockerException failed) {
            if (settings.required()) {
                throw new LatticeException("Cannot import cache volume " + volume + " from the registry cache "
                        + settings.location() + ": " + failed.getMessage(), failed);
            }
            LOG.warn("Cannot import cache volume {} from the registry cache {}: {}; the exec starts with an empty"
                    + " volume", volume, settings.location(), failed.getMessage());
            return false;
        }
    }

    /**
     * Ends the run's use of the registry: waits for the pushes (within the push time limit), then exports the cache
     * volumes the run's execs filled that the registry does not have yet.
     *
     * @throws LatticeException when a push or export did not finish within the push time limit, when the registry
     *                          refused this machine's credentials, or when a push failed and the registry is required
     */
    public void finish() {
        if (settings == null || !finished.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        int open = pushes.await(limits.push());
        stats.endWaitMillis.set((System.nanoTime() - started) / 1_000_000);
        pushes.shutdown();
        if (open == 0 && timedOut.get() == 0) {
            exportVolumes(started);
        }
        // Zero lookups and pushes would read as "nothing to do" when the registry was not there to ask.
        String trouble = refusal != null ? refusal : downMessage;
        String summary = stats.summary(settings.location()) + (trouble == null ? "" : "; " + trouble);
        if (explain) {
            System.err.println(summary);
        } else {
            LOG.info(summary);
        }
        int late = open + timedOut.get();
        if (late > 0) {
            // A push that does not end is not an optimisation that failed but a run that would hang: loud, always.
            throw new LatticeException(late + (late == 1 ? " push" : " pushes") + " to the registry cache "
                    + settings.location() + " did not finish within the push time limit of "
                    + TimeLimits.format(limits.push()) + "; check that the registry answers, or "
                    + TimeLimits.raisePush());
        }
        // Said again even when solves failed with it: a solve nobody waited for (a pipeline no selected cell uses) may
        // have been the only one to hear it.
        if (refusal != null) {
            throw new LatticeException(refusal);
        }
        if (settings.required() && downMessage != null) {
            throw requiredButDown();
        }
        if (settings.required() && !failures.isEmpty()) {
            throw new LatticeException(failures.size() + (failures.size() == 1 ? " push" : " pushes")
                    + " to the registry cache " + settings.location()
                    + " failed, and it is required (" + RegistryCacheSettings.REQUIRED + "=true): "
                    + String.join("; ", failures.subList(0, Math.min(3, failures.size()))));
        }
    }

    private void exportVolumes(long started) {
        if (filledVolumes.isEmpty() || state != State.AVAILABLE) {
            return;
        }
        for (Map.Entry<String, String> filled : filledVolumes.entrySet()) {
            String volume = filled.getKey();
            Duration left = limits.push().minusNanos(System.nanoTime() - started);
            try {
                if (volume.length() > 128) {
                    LOG.info("Cache volume {} is not exported: its name is longer than a registry tag may be", volume);
                    continue;
                }
                if (left.isNegative() || left.isZero()) {
                    throw new RegistryImages.TransferFailed("the push time limit of " + TimeLimits.format(limits.push())
                            + " ran out before it; " + TimeLimits.raisePush(), true);
                }
                if (client.exists("volume", volume)) {
                    continue; // The first machine to fill a volume exports it; its name carries its key.
                }
                long exportStarted = System.nanoTime();
                long size = volumes.export(volume, filled.getValue(), settings.volumeMaxBytes(), left);
                if (size >= 0) {
                    stats.volumeExports.add(exportStarted);
                } else {
                    LOG.info("Cache volume {} is not exported to the registry cache: it is larger than {} MiB; raise"
                            + " {} to share it", volume, settings.volumeMaxBytes() / (1024 * 1024),
                            RegistryCacheSettings.VOLUME_MAX_MB);
                }
            } catch (RegistryClient.CredentialsRefused refused) {
                refused(refused);
            } catch (RuntimeException failed) { // a registry that does not answer, too
                pushFailed(new RegistryImages.TransferFailed("Cannot export cache volume " + volume + ": "
                        + failed.getMessage(), failed instanceof RegistryImages.TransferFailed transfer
                        && transfer.timedOut()));
            }
        }
    }

    private void pushFailed(RuntimeException failure) {
        if (failure instanceof RegistryImages.TransferFailed transfer && transfer.timedOut()) {
            timedOut.incrementAndGet(); // Reported as the run's failure when it ends.
            LOG.debug(failure.getMessage());
            return;
        }
        failures.add(failure.getMessage());
        if (warnedPush.compareAndSet(false, true)) {
            LOG.warn("{}; the tests go on, and {} (later push failures are logged at debug level)",
                    failure.getMessage(), settings.required()
                            ? "the run fails at its end, the registry cache being required (" + RegistryCacheSettings.REQUIRED + "=true)"
                            : "machines that need this entry build it (" + RegistryCacheSettings.REQUIRED + "=true makes"
                            + " this fail the run)");
        } else {
            LOG.debug(failure.getMessage());
        }
    }

    /**
     * Whether the registry answers and takes this machine's credentials; asked once, on first use. Never throws: the
     * background work asks this, and the run's end reports a registry that refused or, when required, is down.
     */
    private boolean available() {
        if (state == State.UNCHECKED) {
            synchronized (checking) {
                if (state == State.UNCHECKED) {
                    try {
                        client.check();
                        state = State.AVAILABLE;
                    } catch (RegistryClient.Unreachable unreachable) {
                        down(unreachable.getMessage());
                    } catch (RegistryClient.CredentialsRefused refused) {
                        refused(refused);
                    }
                }
            }
        }
        return state == State.AVAILABLE;
    }

    /** {@link #available()} for a solve, which fails when the registry is of no use and that is an error. */
    private boolean availableToSolve() {
        if (available()) {
            return true;
        }
        failIfUnusable();
        return false;
    }

    /**
     * Fails when the registry refused this machine's credentials, or is down and required: every use then fails, not
     * only the first (which may have been a solve nobody waits for).
     */
    private void failIfUnusable() {
        if (refusal != null) {
            throw new LatticeException(refusal);
        }
        if (downMessage != null && settings.required()) {
            throw requiredButDown();
        }
    }

    /** Notes, for the rest of the run, that the registry does not answer; one warning unless it is required. */
    private void down(String reason) {
        synchronized (checking) {
            if (downMessage == null) {
                downMessage = "The registry cache " + settings.location() + " does not answer (" + reason + ")";
            }
            if (state != State.REFUSED) {
                state = State.DOWN;
            }
        }
        if (!settings.required() && warnedDown.compareAndSet(false, true)) {
            LOG.warn("{}; this run builds locally without it. Start the registry or fix {}; set {}=true to fail"
                    + " instead", downMessage, RegistryCacheSettings.REGISTRY, RegistryCacheSettings.REQUIRED);
        }
    }

    private LatticeException requiredButDown() {
        return new LatticeException(downMessage + "; it is required (" + RegistryCacheSettings.REQUIRED
                + "=true): start it, or fix " + RegistryCacheSettings.REGISTRY);
    }

    /** Notes, for the rest of the run, that the registry refused this machine's credentials. */
    private void refused(RegistryClient.CredentialsRefused refused) {
        synchronized (checking) {
            if (refusal == null) {
                refusal = refused.getMessage();
            }
            state = State.REFUSED;
        }
    }
}
