package dev.lattice.example.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The scale benchmark's matrix (scripts/bench-scale.sh): {@code bench.cells} cells (rounded down to a
 * multiple of 4: 10 runs 8), db x reply x i, over the same 4 service containers at every size (PostgreSQL and
 * MariaDB from the catalog, and a tiny TCP responder in two settings). Each cell does one {@code select 1} on its database and one round trip to its responder.
 * {@link #sharedDatabase} uses each server's shared database, {@link #freshDatabase} a fresh database per cell.
 *
 * <p>Not a test of the normal build: its name leaves it out of Surefire's default includes, and the script runs it
 * by name. The JVM's exit writes its uptime and peak used heap to {@code bench.out}.
 */
@Lattice
class ScaleBench {

    // Outside lattice.: a run refuses names there that are none of Lattice's settings.
    private static final int CELLS = Integer.getInteger("bench.cells", 12);
    // Answers each connection with its REPLY and closes it; says "listening" once the port is bound.
    private static final String RESPONDER = "my $s = IO::Socket::INET->new(LocalPort => 7000, Listen => 128,"
            + " ReuseAddr => 1) or die $!; $| = 1; print \"listening\\n\";"
            + " while (my $c = $s->accept) { print $c \"$ENV{REPLY}\\n\"; close $c }";

    static {
        String out = System.getProperty("bench.out");
        if (out != null) {
            PeakHeap.watch();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> record(Path.of(out)), "scale-bench-result"));
        }
    }

    @ServiceContainer("postgres")
    static Database postgres;

    @ServiceContainer("mariadb")
    static Database mariadb;

    @ServiceContainer
    static ServiceSpec responder(Cell cell) {
        return ServiceSpec.of("debian:bookworm-slim")
                .withEnv("REPLY", cell.get("reply"))
                .withCommand("perl", "-MIO::Socket::INET", "-e", RESPONDER)
                .withExposedPort(7000)
                .waitingFor(Ready.logLine("listening", 1));
    }

    /** The third axis: as many values as make {@code bench.cells} cells with the other two (2 x 2). */
    static List<String> indexes() {
        return IntStream.rangeClosed(1, Math.max(1, CELLS / 4)).mapToObj(Integer::toString).toList();
    }

    @MatrixTest
    @Axis(name = "db", values = {"postgres", "mariadb"})
    @Axis(name = "reply", values = {"a", "b"})
    @Axis(name = "i", method = "indexes")
    void sharedDatabase(Cell cell, @ServiceContainer("responder") Service responder) throws Exception {
        selectOne(cell.is("db", "postgres") ? postgres : mariadb);
        assertThat(roundTrip(responder)).isEqualTo(cell.get("reply"));
    }

    @MatrixTest
    @Axis(name = "db", values = {"postgres", "mariadb"})
    @Axis(name = "reply", values = {"a", "b"})
    @Axis(name = "i", method = "indexes")
    void freshDatabase(Cell cell, @ServiceContainer(axis = "db") Database db,
                       @ServiceContainer("responder") Service responder) throws Exception {
        selectOne(db);
        assertThat(roundTrip(responder)).isEqualTo(cell.get("reply"));
    }

    private static void selectOne(Database db) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select 1")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
        }
    }

    private static String roundTrip(Service responder) throws IOException {
        try (Socket socket = new Socket(responder.host(), responder.mappedPort(7000));
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            return in.readLine();
        }
    }

    // The JVM's uptime when it exits (after the launcher session closed: services stopped, report written) and its
    // peak used heap, for the script.
    private static void record(Path out) {
        try {
            Files.writeString(out, "SCALE cells=" + CELLS + " ran=" + indexes().size() * 4
                    + " uptime_ms=" + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " peak_heap_bytes=" + PeakHeap.peak() + " peak_live_bytes=" + PeakHeap.peakLive() + "\n");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Used heap just before each collection (its peak between collections) and just after (what was live). */
    private static final class PeakHeap {
        private static volatile long peak;
        private static volatile long peakLive;

        static void watch() {
            Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long before = used(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools);
                    long after = used(info.getGcInfo().getMemoryUsageAfterGc(), heapPools);
                    synchronized (PeakHeap.class) {
                        peak = Math.max(peak, before);
                        peakLive = Math.max(peakLive, after);
                    }
                }, notification -> notification.getType().equals(
                        GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
            }
        }

        private static long used(Map<String, MemoryUsage> pools, Set<String> heapPools) {
            return pools.entrySet().stream()
                    .filter(pool -> heapPools.contains(pool.getKey()))
                    .mapToLong(pool -> pool.getValue().getUsed())
                    .sum();
        }

        static synchronized long peak() {
            return Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        static synchronized long peakLive() {
            return peakLive;
        }
    }
}
