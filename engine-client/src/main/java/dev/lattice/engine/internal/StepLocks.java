package dev.lattice.engine.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one process of this host at a time build a given step on a given engine; another waits, then finds the
 * step's image. The processes lock one of 256 files per engine under the temporary directory (the step's key
 * picks it): the operating system releases a dead holder's lock, so it never blocks anyone. Within this JVM,
 * {@link InFlightSteps} already shares a step; a lock here only keeps two of this JVM's threads from the same file.
 * Where the files cannot be written, steps build unlocked, as two processes did before. Thread-safe.
 */
final class StepLocks {

    private static final Logger LOG = LoggerFactory.getLogger(StepLocks.class);

    private static final ConcurrentMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    /** Steps take seconds; a tenth of a second of extra wait is nothing next to building one twice. */
    private static final long POLL_MILLIS = 100;

    private final Path dir;
    private volatile boolean dirReady;

    /**
     * The locks of one engine.
     *
     * @param engineId identifies the Docker engine (its id)
     */
    StepLocks(String engineId) {
        this.dir = Path.of(System.getProperty("java.io.tmpdir"), "lattice-step-locks", digest(engineId));
    }

    /**
     * Takes the lock of a step, waiting while another process holds it.
     *
     * @param key the step's cache key (hex)
     * @return the lock, to close once the step's image is tagged (or its build failed)
     */
    Held acquire(String key) {
        return acquire(key, () -> LOG.debug("Step {} is being built by another process; waiting for it", key));
    }

    /**
     * Takes the lock of a step, waiting while another process holds it.
     *
     * @param key the step's cache key (hex)
     * @param waiting called once when another process holds the lock and this one starts waiting for it
     * @return the lock, to close once the step's image is tagged (or its build failed)
     */
    Held acquire(String key, Runnable waiting) {
        Path file = dir.resolve(key.substring(0, 2) + ".lock");
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, path -> new ReentrantLock());
        local.lock();
        FileChannel channel = null;
        try {
            if (!dirReady) {
                Files.createDirectories(dir);
                dirReady = true;
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Held(local, channel, lockPolling(channel, waiting));
        } catch (IOException | RuntimeException unusable) {
            // Without the file lock the step may be built twice by two processes, never wrongly.
            LOG.debug("Cannot lock {}; the step is built without waiting for other processes", file, unusable);
            closeQuietly(channel);
            local.unlock();
            return new Held(null, null, null);
        }
    }

    /**
     * Waits for the file's lock by trying it again and again. A blocking wait would let the kernel refuse it with
     * "Resource deadlock avoided" whenever this JVM holds another step's lock that the other process waits for: file
     * locks belong to processes, so the kernel takes two threads waiting for each other's steps for a deadlock, and
     * the step would then be built twice.
     */
    private static FileLock lockPolling(FileChannel channel, Runnable waiting) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock == null) {
            waiting.run();
        }
        while (lock == null) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for another process's build of the step", interrupted);
            }
            lock = channel.tryLock();
        }
        return lock;
    }

    /** A held lock (or none, where locking was not possible); closing releases it. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(ReentrantLock local, FileChannel channel, FileLock lock) {
            this.local = local;
            this.channel = channel;
            this.lock = lock;
        }

        /** Whether other processes wait while this is held; false where locking was not possible. */
        boolean excludesOthers() {
            return lock != null;
        }

        @Override
        public void close() {
            if (lock == null) {
                return;
            }
            try {
                lock.release();
            } catch (IOException | RuntimeException alreadyReleased) {
                // Closing the channel releases it too.
                LOG.debug("Releasing a step lock failed; closing its file releases it", alreadyReleased);
            } finally {
                closeQuietly(channel);
                local.unlock();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException alreadyClosed) {
                // Nothing more to release.
                LOG.debug("Closing a step lock file failed", alreadyClosed);
            }
        }
    }

    private static String digest(String text) {
        return ContentDigest.of(text).substring(0, 16);
    }
}
