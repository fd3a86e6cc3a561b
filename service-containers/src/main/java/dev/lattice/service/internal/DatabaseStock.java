package dev.lattice.service.internal;

import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a database server's slow statements off the cells' path: a few background threads create empty databases
 * ahead of need, under names of their own, which {@link #take} renames to the name a cell asks for (a catalog update,
 * where creating copies the template's files), and drop the databases cells are done with.
 *
 * <p>A stocked database is created from the server's template like any other and nobody connects to it until it is
 * taken; the rename itself fails if anyone is connected. The stock grows with demand, up to its size: a server whose
 * only database is a shared one makes one spare, not a full stock. {@link #close()} drops the stock and every database
 * still waiting to be dropped; {@link #abandon()} drops nothing, for a server whose container goes next. Thread-safe.
 */
final class DatabaseStock implements AutoCloseable {

    /** The statements the stock runs on the server, each on an admin connection. */
    interface Statements {

        /** Creates an empty database that the application user owns. */
        void create(String name);

        /** Renames a database nobody is connected to. */
        void rename(String from, String to);

        /** Drops a database, also when someone is still connected to it; nothing happens if it is gone already. */
        void drop(String name);
    }

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStock.class);
    /**
     * Drops come before the stock once this many wait, so that finished databases (about 7 MB each on PostgreSQL) do
     * not pile up in the server's memory.
     */
    private static final int MAX_WAITING_DROPS = 16;
    /**
     * Background threads, each running one statement at a time. The server forces a checkpoint for each drop (and
     * two for each create that copies files); requests that wait at the same time share one, so a few statements at
     * once cost about what one does. Measured at 1,000 cells: one thread fell behind the cells, four kept up.
     */
    static final int WORKERS = 4;

    private final String server;
    private final Statements statements;
    private final int size;
    private final Duration closeWait;
    /** Names this stock's databases apart from those of another stock on the same server. */
    private final String prefix = "lattice_stock_"
            + String.format("%08x", ThreadLocalRandom.current().nextInt()) + "_";
    private final Deque<String> ready = new ArrayDeque<>();
    private final Set<String> toDrop = new LinkedHashSet<>();
    private final Set<String> busy = new HashSet<>();
    private int taken;
    private int creating;
    private int made;
    private int workers;
    private boolean stocking;
    private boolean closed;
    /** Volatile: a failed drop reads it, outside the lock, to keep quiet about a server being removed. */
    private volatile boolean abandoned;

    /**
     * Starts the background threads.
     *
     * @param server the server's name, for the threads' names and logs
     * @param statements the server's statements
     * @param size how many databases to keep ready at most; 0 keeps none and only drops in the background (for a
     *             server that cannot rename a database)
     * @param closeWait how long {@link #close()} waits for the last drops
     */
    DatabaseStock(String server, Statements statements, int size, Duration closeWait) {
        this.server = server;
        this.statements = statements;
        this.size = size;
        this.closeWait = closeWait;
        this.stocking = size > 0;
        this.workers = WORKERS;
        for (int worker = 1; worker <= WORKERS; worker++) {
            DaemonThreads.start("lattice-databases-" + server + "-" + worker, this::work);
        }
    }

    /**
     * An empty database under this name: a stocked one renamed, else one created now. Waits for a drop of that name
     * still under way, so the name is free.
     *
     * @param name the database's name, not in use
     */
    void take(String name) {
        boolean dropFirst;
        synchronized (this) {
            // A drop of this name still queued is done now, by this caller, before the name is used again.
            dropFirst = toDrop.remove(name);
            while (busy.contains(name)) {
                await();
            }
        }
        if (dropFirst) {
            statements.drop(name);
        }
        String stocked;
        synchronized (this) {
            taken++;
            stocked = closed ? null : ready.pollFirst();
            notifyAll();
        }
        if (stocked != null) {
            try {
                statements.rename(stocked, name);
                return;
            } catch (RuntimeException failed) {
                // Someone reached the stocked database after all, or the server refused; a created one will do.
                LOG.debug("Renaming stocked database {} on {} failed; creating {} instead", stocked, server, name,
                        failed);
                drop(stocked);
            }
        }
        statements.create(name);
    }

    /**
     * Drops a database in the background. A {@link #take} of the same name waits for it.
     *
     * @param name the database's name
     */
    void drop(String name) {
        synchronized (this) {
            if (abandoned) {
                return;
            }
            if (workers > 0) {
                toDrop.add(name);
                notifyAll();
                return;
            }
        }
        statements.drop(name);
    }

    /**
     * Stops stocking, lets the background threads drop the stock and every database waiting to be dropped (side by
     * side, so their checkpoints are shared), and returns when they are done, or after its close wait if the server
     * stops answering, so that closing does not hang on it.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + closeWait.toNanos();
        synchronized (this) {
            closed = true;
            toDrop.addAll(ready);
            ready.clear();
            notifyAll();
            while (workers > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} databases on {} were still being dropped after {} s; they go with the server's"
                            + " container", toDrop.size() + busy.size(), server, closeWait.toSeconds());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Stops stocking and forgets the stock and every database waiting to be dropped, without waiting: the background
     * threads end after the statement each is running, and later drops do nothing. For a server removed next, whose
     * databases go with it.
     */
    synchronized void abandon() {
        closed = true;
        abandoned = true;
        ready.clear();
        toDrop.clear();
        notifyAll();
    }

    private void work() {
        boolean stopped = false;
        try {
            while (true) {
                String dropping = null;
                String creatingName = null;
                synchronized (this) {
                    while (toDrop.isEmpty() && !closed && !stockLow()) {
                        await();
                    }
                    if (!toDrop.isEmpty() && (closed || !stockLow() || toDrop.size() >= MAX_WAITING_DROPS)) {
                        dropping = toDrop.iterator().next();
                        toDrop.remove(dropping);
                        busy.add(dropping);
                    } else if (closed) {
                        // Under the lock: a drop asked for from now on runs in its caller, none is left queued.
                        stopped = true;
                        workers--;
                        notifyAll();
                        return;
                    } else {
                        creatingName = prefix + ++made;
                        creating++;
                    }
                }
                if (dropping != null) {
                    dropInBackground(dropping);
                } else {
                    createInBackground(creatingName);
                }
            }
        } finally {
            if (!stopped) {
                // An error ended this thread; close() must not wait for it.
                synchronized (this) {
                    workers--;
                    notifyAll();
                }
            }
        }
    }

    /** Whether the stock is below what cells have asked for so far (at most its size). Called holding the lock. */
    private boolean stockLow() {
        return stocking && !closed && ready.size() + creating < Math.min(size, taken);
    }

    private void dropInBackground(String name) {
        try {
            statements.drop(name);
        } catch (RuntimeException failed) {
            if (!abandoned) {
                LOG.warn("Dropping database {} on {} failed; it goes with the server's container at the end of the"
                        + " run: {}", name, server, failed.getMessage());
            }
        } finally {
            synchronized (this) {
                busy.remove(name);
                notifyAll();
            }
        }
    }

    private void createInBackground(String name) {
        boolean created = false;
        try {
            statements.create(name);
            created = true;
        } catch (RuntimeException failed) {
            // Cells then create their own, and meet the server's error themselves.
            LOG.debug("Creating stocked database {} on {} failed; cells create their own from now on", name, server,
                    failed);
        } finally {
            synchronized (this) {
                creating--;
                if (!created) {
                    stocking = false;
                } else if (!closed) {
                    ready.addLast(name);
                } else if (!abandoned) {
                    toDrop.add(name);
                }
                notifyAll();
            }
        }
    }

    private void await() {
        try {
            wait();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the databases of " + server, interrupted);
        }
    }
}
