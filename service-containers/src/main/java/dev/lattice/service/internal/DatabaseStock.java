package dev.lattice.service.internal;

import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps a database server's slow statements off the cells' path: a few background threads create empty databases
 * ahead of need, under names of their own, which {@link #take} renames to the name a cell asks for (a catalog update,
 * where creating copies the template's files), and drop the databases cells are done with.
 *
 * <p>A stocked database is created from the server's template like any other and nobody connects to it until it is
 * taken; the rename itself fails if anyone is connected. {@link #close()} drops the stock and every database still
 * waiting to be dropped. Thread-safe.
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
    private static final int WORKERS = 4;

    private final String server;
    private final Statements statements;
    private final int size;
    /** Names this stock's databases apart from those of another stock on the same server. */
    private final String prefix = "lattice_stock_"
            + String.format("%08x", ThreadLocalRandom.current().nextInt()) + "_";
    private final Deque<String> ready = new ArrayDeque<>();
    private final Set<String> toDrop = new LinkedHashSet<>();
    private final Set<String> busy = new HashSet<>();
    private int creating;
    private int made;
    private boolean stocking;
    private boolean closed;

    /**
     * Starts the background thread.
     *
     * @param server the server's name, for the thread's name and logs
     * @param statements the server's statements
     * @param size how many databases to keep ready; 0 keeps none and only drops in the background (for a server that
     *             cannot rename a database)
     */
    DatabaseStock(String server, Statements statements, int size) {
        this.server = server;
        this.statements = statements;
        this.size = size;
        this.stocking = size > 0;
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
        boolean now;
        synchronized (this) {
            now = closed;
            if (!now) {
                toDrop.add(name);
                notifyAll();
            }
        }
        if (now) {
            statements.drop(name);
        }
    }

    /** Stops the background thread and drops the stock and every database waiting to be dropped. */
    @Override
    public void close() {
        List<String> left;
        synchronized (this) {
            closed = true;
            notifyAll();
            while (creating > 0 || !busy.isEmpty()) {
                await();
            }
            left = new ArrayList<>(ready);
            left.addAll(toDrop);
            ready.clear();
            toDrop.clear();
        }
        RuntimeException first = null;
        for (String name : left) {
            try {
                statements.drop(name);
            } catch (RuntimeException failed) {
                if (first == null) {
                    first = failed;
                } else {
                    first.addSuppressed(failed);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void work() {
        while (true) {
            String dropping = null;
            String creatingName = null;
            synchronized (this) {
                while (!closed && toDrop.isEmpty() && !(stocking && ready.size() + creating < size)) {
                    await();
                }
                if (closed) {
                    return;
                }
                boolean stockLow = stocking && ready.size() + creating < size;
                if (!toDrop.isEmpty() && (!stockLow || toDrop.size() >= MAX_WAITING_DROPS)) {
                    dropping = toDrop.iterator().next();
                    toDrop.remove(dropping);
                    busy.add(dropping);
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
    }

    private void dropInBackground(String name) {
        try {
            statements.drop(name);
        } catch (RuntimeException failed) {
            LOG.warn("Dropping database {} on {} failed; it goes with the server's container at the end of the run:"
                    + " {}", name, server, failed.getMessage());
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
                if (created) {
                    ready.addLast(name);
                } else {
                    stocking = false;
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
