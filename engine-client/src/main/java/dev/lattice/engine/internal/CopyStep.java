package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs a copy layer. A large plain file of another pipeline's image is copied inside the engine when it builds with
 * BuildKit ({@link BuildKitCopy}); the engine says the file's type and size as the archive path starts reading it.
 * Otherwise (and whenever that copy declines) the archive path: writes the files
 * (from the host, from memory or from another image) into an archive, unpacks it into a created, never started
 * container of the parent image and commits that. When an exec follows, its container is started meanwhile and given
 * the same files, then parked for it.
 */
final class CopyStep {

    private static final Logger LOG = LoggerFactory.getLogger(CopyStep.class);
    /**
     * From this size a file is copied inside the engine: below it, the archive path's fixed cost (a created container
     * and a commit, a few hundred milliseconds, measured) is below BuildKit's, and its time per byte does not yet
     * make up for it.
     */
    private static final long IN_ENGINE_FROM_BYTES = 8L << 20;
    /**
     * From this size a file copied in front of an exec is copied inside the engine: below it, the archive path, which
     * also starts and fills the exec's container meanwhile, saves that start too.
     */
    private static final long IN_ENGINE_BEFORE_EXEC_FROM_BYTES = 16L << 20;

    private final DockerClient docker;
    private final RunLabels labels;
    private final LayerCommits commits;
    private final ExecContainers execContainers;
    private final ParkedContainers parked;
    private final ContainerReaper reaper;
    private final ExecutorService preparer;
    private final ContainerArchives archives;
    // Whether the engine copies inside itself is asked once, when a copy could: most runs never need to ask.
    private final Supplier<Optional<BuildKitCopy>> findInEngine;
    private Optional<BuildKitCopy> inEngine;  // guarded by this; null until asked

    CopyStep(DockerClient docker, RunLabels labels, LayerCommits commits, ExecContainers execContainers,
             ParkedContainers parked, ContainerReaper reaper, ExecutorService preparer,
             Supplier<Optional<BuildKitCopy>> findInEngine) {
        this.docker = docker;
        this.labels = labels;
        this.commits = commits;
        this.execContainers = execContainers;
        this.parked = parked;
        this.reaper = reaper;
        this.preparer = preparer;
        this.archives = new ContainerArchives(docker);
        this.findInEngine = findInEngine;
    }

    /**
     * Copies the layer's files onto {@code parentImageId} and returns the committed image's id.
     *
     * @param next         the layer built on this one next, or null
     * @param sourceImages image ids of the layer's dependencies, in the order of {@link Layer#dependencies()}
     */
    String run(Layer layer, Layer next, String parentImageId, List<String> sourceImages) {
        Optional<BuildKitCopy> copier = BuildKitCopy.handles(layer) ? inEngine() : Optional.empty();
        if (copier.isEmpty()) {
            return runThroughArchive(layer, next, parentImageId, sourceImages, Long.MAX_VALUE);
        }
        boolean execFollows = successorMounts(layer, next) != null && ExecContainers.reuseSignature(next) != null;
        try {
            // The archive path reads the file's type and size as it starts reading it, and hands a large plain file
            // over to the engine's own copy: one request of the source decides and, for most files, copies.
            return runThroughArchive(layer, next, parentImageId, sourceImages,
                    execFollows ? IN_ENGINE_BEFORE_EXEC_FROM_BYTES : IN_ENGINE_FROM_BYTES);
        } catch (LargeFile large) {
            Optional<String> copied = copier.get().copy(layer, parentImageId, sourceImages.get(0),
                    commits.imageLabels(layer));
            return copied.orElseGet(() -> runThroughArchive(layer, next, parentImageId, sourceImages,
                    Long.MAX_VALUE));
        }
    }

    private synchronized Optional<BuildKitCopy> inEngine() {
        if (inEngine == null) {
            inEngine = findInEngine.get();
        }
        return inEngine;
    }

    /**
     * The archive path: the files through the JVM into a created container of the parent image, committed.
     *
     * @param inEngineFrom the size from which a plain file of another image is left to the engine's own copy
     * @throws LargeFile when the file is such a file; nothing is left behind
     */
    private String runThroughArchive(Layer layer, Layer next, String parentImageId, List<String> sourceImages,
                                     long inEngineFrom) {
        // The target container depends only on the parent image: create it while the archive is being written.
        CompletableFuture<String> target = CompletableFuture.supplyAsync(
                () -> commits.createConfigured(layer, parentImageId), preparer);
        // When an exec follows, start its container now and give it the same files, so the exec need not start one.
        MountPoints successorMounts = successorMounts(layer, next);
        String signature = successorMounts == null ? null : ExecContainers.reuseSignature(next);
        CompletableFuture<String> successor = signature == null ? null : CompletableFuture.supplyAsync(
                () -> execContainers.start(parentImageId, next.config(), next.exec()), preparer);
        long started = System.nanoTime();
        try (LayerArchive archive = LayerArchive.create()) {
            fillArchive(archive, layer, sourceImages, inEngineFrom);
            archive.finish();
            long filled = System.nanoTime();
            CompletableFuture<String> successorFilled = successor == null ? null
                    : successor.thenApplyAsync(container -> commits.putArchive(container, archive, layer), preparer);
            String imageId = commits.commitConfigured(layer, joinCreated(target), archive);
            LOG.debug("{}: {} ms to write the archive, {} ms to put and commit it", layer.description(),
                    (filled - started) / 1_000_000, (System.nanoTime() - filled) / 1_000_000);
            if (successorFilled != null) {
                parkWhenFilled(imageId, successor, successorFilled, signature, successorMounts);
            }
            return imageId;
        } catch (IOException e) {
            reaper.discard(target);
            reaper.discard(successor);
            throw new LatticeException("Cannot prepare " + layer.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            reaper.discard(target);
            reaper.discard(successor);
            throw e;
        }
    }

    /**
     * Returns the mount points of {@code next}'s container when {@code next} is an exec whose container can take a
     * copy of this layer's files while running (the copy must not land in anything mounted there); else null.
     */
    private MountPoints successorMounts(Layer layer, Layer next) {
        if (next == null || next.kind() != Layer.Kind.EXEC) {
            return null;
        }
        MountPoints mounts = execContainers.mountPoints(next.exec());
        return mounts.overlap(layer.destination()) ? null : mounts;
    }

    /** Parks the successor container for image {@code imageId} once it holds the copied files; else removes it. */
    private void parkWhenFilled(String imageId, CompletableFuture<String> successor,
                                CompletableFuture<String> successorFilled, String signature, MountPoints mountPoints) {
        try {
            parked.park(imageId, successorFilled.join(), signature, mountPoints);
        } catch (CompletionException failed) {
            // The next exec starts a container of its own; this one is removed if it was made.
            LOG.debug("Preparing the next exec's container for image {} failed; that exec starts its own", imageId,
                    failed.getCause());
            reaper.discard(successor);
        }
    }

    private static String joinCreated(CompletableFuture<String> target) {
        try {
            return target.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private void fillArchive(LayerArchive archive, Layer layer, List<String> sourceImages, long inEngineFrom)
            throws IOException {
        String destination = layer.destination();
        if (layer.operation() instanceof StepDefinition.CopyFile copy) {
            if (copy.source() instanceof FileSource.HostFile host) {
                archive.hostFile(destination, host.path(), HostTree.mode(host.path()));
            } else if (copy.source() instanceof FileSource.InMemoryFile memory) {
                archive.bytes(destination, memory.content(), memory.mode());
            } else {
                FileSource.ContainerFile other = (FileSource.ContainerFile) copy.source();
                copyFromImage(archive, sourceImages.get(0), other.path(), destination, true, List.of(), List.of(),
                        inEngineFrom);
            }
        } else {
            StepDefinition.CopyDirectory copy = (StepDefinition.CopyDirectory) layer.operation();
            if (copy.source() instanceof DirectorySource.HostDirectory host) {
                archive.hostTree(HostTree.scan(host.root(), host.includes(), host.excludes()), destination);
            } else {
                DirectorySource.ContainerDirectory other = (DirectorySource.ContainerDirectory) copy.source();
                copyFromImage(archive, sourceImages.get(0), other.path(), destination, false, other.includes(),
                        other.excludes(), Long.MAX_VALUE);
            }
        }
    }

    private void copyFromImage(LayerArchive archive, String imageId, String path, String destination, boolean single,
                               List<String> includes, List<String> excludes, long inEngineFrom) throws IOException {
        ParkedContainers.Parked live = parked.borrow(imageId, path);
        if (live != null) {
            // A parked container of that image runs and shows the image's files at the path: read from it.
            boolean givenBack = false;
            try {
                boolean large = readInto(archive, live.container(), path, destination, single, includes, excludes,
                        inEngineFrom);
                parked.giveBack(imageId, live);
                givenBack = true;
                if (large) {
                    throw new LargeFile();
                }
                return;
            } catch (DockerException gone) {
                // Removed meanwhile (expired, or a cleanup), or the path is missing: a new container below says which.
                LOG.debug("Cannot read {} from parked container {}; reading through a new one", path,
                        live.container(), gone);
            } finally {
                if (!givenBack) {
                    // Borrowed and neither read nor given back: nothing else would remove it before the run ends.
                    reaper.removeLater(live.container());
                }
            }
        }
        String helper = docker.createContainerCmd(imageId).withEntrypoint("/lattice-never-started")
                .withLabels(labels.forKind("step")).exec().getId();
        try {
            if (readInto(archive, helper, path, destination, single, includes, excludes, inEngineFrom)) {
                throw new LargeFile();
            }
        } catch (DockerException e) {
            throw new LatticeException("Cannot read " + path + " from the source container (image " + imageId + "): "
                    + e.getMessage(), e);
        } finally {
            reaper.removeLater(helper);
        }
    }

    /**
     * Reads {@code path} of the container into the archive, unless the engine says it is a plain file of
     * {@code inEngineFrom} bytes or more (left to the engine's own copy); returns whether it was such a file.
     */
    private boolean readInto(LayerArchive archive, String container, String path, String destination, boolean single,
                             List<String> includes, List<String> excludes, long inEngineFrom) throws IOException {
        try (ContainerArchives.Read read = archives.read(container, path)) {
            boolean large = read.stat().filter(stat -> stat.plainFile() && stat.size() >= inEngineFrom).isPresent();
            if (!large) {
                archive.containerArchive(read.archive(), destination, single, includes, excludes);
            }
            return large;
        }
    }

    /**
     * Thrown by the archive path when the source is a plain file large enough for the engine's own copy; the archive
     * path has discarded what it had started.
     */
    private static final class LargeFile extends RuntimeException {
        LargeFile() {
            super(null, null, false, false);
        }
    }
}
