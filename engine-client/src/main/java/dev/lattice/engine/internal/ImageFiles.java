package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** Reads, exports and publishes solved images. */
public final class ImageFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);

    private final DockerClient docker;
    private final RunLabels labels;
    private final Duration pushLimit;
    private final Map<String, String> readers = new ConcurrentHashMap<>();

    /** Creates the reader for one engine; the engine keeps one for its lifetime. */
    public ImageFiles(DockerClient docker, RunLabels labels, Duration pushLimit) {
        this.pushLimit = pushLimit;
        this.docker = docker;
        this.labels = labels;
    }

    /**
     * Returns the bytes of a regular file of the image. Files are read through one created, never started,
     * container per image, kept for later reads: a suite reading many files (reports, outputs) creates one
     * container per image rather than one per file. The run's cleanup removes them with its other containers.
     *
     * @throws LatticeException when the path is missing or not a regular file
     */
    public byte[] readFile(String imageId, String path) {
        return withReader(imageId, path, reader -> read(reader, imageId, path));
    }

    /**
     * Returns the regular files under a directory of the image, by path relative to it ({@code /}-separated), in
     * one read of the directory.
     *
     * @throws LatticeException when the path is missing or not a directory
     */
    public SortedMap<String, byte[]> readDirectory(String imageId, String path) {
        return withReader(imageId, path, reader -> readAll(reader, imageId, path));
    }

    /** Reads through the image's kept reader, or through a new one when a cleanup removed it. */
    private <T> T withReader(String imageId, String path, Function<String, T> read) {
        String reader = reader(imageId);
        try {
            return read.apply(reader);
        } catch (NotFoundException missing) {
            if (exists(reader)) {
                throw notReadable(imageId, path, missing);
            }
            // A cleanup removed the kept reader: read once more through a new one.
            readers.remove(imageId, reader);
            try {
                return read.apply(reader(imageId));
            } catch (NotFoundException stillMissing) {
                throw notReadable(imageId, path, stillMissing);
            }
        }
    }

    private String reader(String imageId) {
        return readers.computeIfAbsent(imageId, id -> docker.createContainerCmd(id).withLabels(labels.forKind("step"))
                .withEntrypoint("/lattice-never-started").exec().getId());
    }

    private byte[] read(String reader, String imageId, String path) {
        return fromArchive(reader, imageId, path, tar -> {
            TarArchiveEntry entry = TarEntries.next(tar);
            if (entry == null || !isRegularFile(entry)) {
                throw new LatticeException(path + " in image " + imageId + " is not a regular file"
                        + (entry != null && entry.isSymbolicLink() ? " (a symbolic link to " + entry.getLinkName() + ")" : ""));
            }
            return tar.readAllBytes();
        });
    }

    private SortedMap<String, byte[]> readAll(String reader, String imageId, String path) {
        return fromArchive(reader, imageId, path, tar -> {
            TarArchiveEntry top = TarEntries.next(tar);
            if (top == null || !top.isDirectory()) {
                throw new LatticeException(path + " in image " + imageId + " is not a directory; read a file with"
                        + " readFile");
            }
            // Entries are named after the directory itself: "reports/", "reports/a.xml", "reports/sub/b.xml".
            int prefix = top.getName().endsWith("/") ? top.getName().length() : top.getName().length() + 1;
            SortedMap<String, byte[]> files = new TreeMap<>();
            for (TarArchiveEntry entry = TarEntries.next(tar); entry != null; entry = TarEntries.next(tar)) {
                if (isRegularFile(entry)) {
                    files.put(entry.getName().substring(prefix), tar.readAllBytes());
                }
            }
            return files;
        });
    }

    /** Reads {@code path} of the reader container as the engine archives it; a missing path stays NotFoundException. */
    private <T> T fromArchive(String reader, String imageId, String path, TarReader<T> read) {
        try (InputStream archive = docker.copyArchiveFromContainerCmd(reader, path).exec();
             InputStream tar = TarEntries.open(archive)) {
            return read.read(tar);
        } catch (NotFoundException missing) {
            throw missing;
        } catch (DockerException | IOException failed) {
            throw new LatticeException("Cannot read " + path + " from image " + imageId + ": " + failed.getMessage(), failed);
        }
    }

    /** Reads what it needs from a tar stream. */
    private interface TarReader<T> {
        T read(InputStream tar) throws IOException;
    }

    /** Commons Compress counts symbolic and hard links as files too. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        return entry.isFile() && !entry.isSymbolicLink() && !entry.isLink();
    }

    private boolean exists(String container) {
        try {
            docker.inspectContainerCmd(container).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private static LatticeException notReadable(String imageId, String path, NotFoundException missing) {
        return new LatticeException("Cannot read " + path + " from image " + imageId + ": " + missing.getMessage(), missing);
    }

    /** Writes the image (by reference, so the tag is kept) as a tar archive to {@code tarFile}, atomically. */
    public void export(String reference, Path tarFile) {
        try {
            Path parent = tarFile.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, tarFile.getFileName().toString(), ".partial");
            try (InputStream saved = docker.saveImageCmd(reference).exec()) {
                Files.copy(saved, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, tarFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | DockerException failed) {
            throw new LatticeException("Cannot export image " + reference + " to " + tarFile + ": " + failed.getMessage(), failed);
        }
    }

    /** Tags the image as {@code reference} and pushes it; fails with the registry's answer. */
    public void publish(String imageId, String reference) {
        int colon = reference.lastIndexOf(':');
        boolean hasTag = colon > reference.lastIndexOf('/');
        String repository = hasTag ? reference.substring(0, colon) : reference;
        String tag = hasTag ? reference.substring(colon + 1) : "latest";
        docker.tagImageCmd(imageId, repository, tag).withForce().exec();
        // The engine reports a refused push inside the response stream, not as a failed request.
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            ResultCallback.Adapter<PushResponseItem> pushing = docker.pushImageCmd(repository).withTag(tag)
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.isErrorIndicated()) {
                        refused.compareAndSet(null, item.getErrorDetail() != null
                                ? item.getErrorDetail().getMessage() : item.getError());
                    }
                }
            });
            if (!pushing.awaitCompletion(pushLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                // Closing the stream makes the engine cancel the push.
                StreamClosing.quietly(pushing, LOG, "the push of " + reference);
                throw new LatticeException("Cannot push " + reference + ": the push did not finish within its time"
                        + " limit of " + TimeLimits.format(pushLimit) + "; check that the registry answers, or "
                        + TimeLimits.raisePush());
            }
            if (refused.get() != null) {
                throw new LatticeException("Cannot push " + reference + ": the registry answered \"" + refused.get()
                        + "\"; check that the registry is reachable and that you are logged in");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LatticeException("Interrupted while pushing " + reference, interrupted);
        } catch (DockerException failed) {
            throw new LatticeException("Cannot push " + reference + ": " + failed.getMessage()
                    + "; check that the registry is reachable and that you are logged in", failed);
        }
    }
}
