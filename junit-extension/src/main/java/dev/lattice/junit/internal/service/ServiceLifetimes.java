package dev.lattice.junit.internal.service;

import dev.lattice.junit.Cell;
import dev.lattice.service.Service;
import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * When each service declared by a factory may stop: once the last matrix cell planned to use it has ended, rather
 * than at the end of the run, so that a matrix holds only the services its remaining cells need.
 *
 * <p>A planned cell holds its service from the moment the service is known (its preparation finished, or the cell
 * resolved it) until the cell ends. A service stops when no cell holds it and no planned cell's service is still
 * unknown, since that cell may turn out to need it. A service that anything else uses (a field, another factory,
 * a method outside a planned cell) is kept until the end of the run. Thread-safe.
 */
final class ServiceLifetimes {

    private static final Object ENDED = new Object();

    private final Consumer<Service> stop;
    /** Each planned cell's state: absent until planned, then {@code null} (service unknown), its service, or ENDED. */
    private final Map<String, Object> cells = new HashMap<>();
    private final Map<Service, Integer> holders = new HashMap<>();
    private final Set<Service> kept = new HashSet<>();
    private final Set<Service> stopped = new HashSet<>();
    private int unknown;

    /**
     * @param stop stops a service; called once per service, outside this object's lock
     */
    ServiceLifetimes(Consumer<Service> stop) {
        this.stop = stop;
    }

    /**
     * Identifies one service parameter of one planned cell: the same when the matrix is prepared and when the cell
     * resolves the parameter.
     */
    static String cellKey(Class<?> testClass, Executable method, int parameterIndex, Cell cell) {
        return testClass.getName() + "#" + method.toGenericString() + "#" + parameterIndex + "|" + cell;
    }

    /** Records a cell that will use a factory's service, before its service is known. */
    synchronized void planned(String cell) {
        if (!cells.containsKey(cell)) {
            cells.put(cell, null);
            unknown++;
        }
    }

    /** Whether a cell was planned and has not ended. */
    synchronized boolean isPlanned(String cell) {
        return cells.containsKey(cell) && cells.get(cell) != ENDED;
    }

    /** The planned cell's service is known: the cell holds it until it ends. */
    void known(String cell, Service service) {
        synchronized (this) {
            if (!cells.containsKey(cell) || cells.get(cell) != null) {
                return;
            }
            cells.put(cell, service);
            holders.merge(service, 1, Integer::sum);
            unknown--;
        }
        stopUnheld();
    }

    /** A planned cell ended, or its service could not be started: it holds nothing any more. */
    void ended(String cell) {
        synchronized (this) {
            Object state = cells.get(cell);
            if (!cells.containsKey(cell) || state == ENDED) {
                return;
            }
            if (state == null) {
                unknown--;
            } else {
                holders.merge((Service) state, -1, Integer::sum);
            }
            cells.put(cell, ENDED);
        }
        stopUnheld();
    }

    /**
     * Keeps a service until the end of the run, for a use outside the planned cells.
     *
     * @return false when the service has stopped already: ask for the service again, which starts a new one
     */
    synchronized boolean keep(Service service) {
        if (stopped.contains(service)) {
            return false;
        }
        kept.add(service);
        return true;
    }

    private void stopUnheld() {
        List<Service> unheld = new ArrayList<>();
        synchronized (this) {
            if (unknown > 0) {
                return;
            }
            holders.forEach((service, count) -> {
                if (count <= 0 && !kept.contains(service)) {
                    unheld.add(service);
                }
            });
            unheld.forEach(holders::remove);
            stopped.addAll(unheld);
        }
        unheld.forEach(stop);
    }
}
