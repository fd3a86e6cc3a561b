package dev.lattice.engine.internal;

import dev.lattice.engine.RunLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which cache entries and cache volumes each solve used, per engine, across JVMs: one small file per solve under
 * {@code <cache dir>/engines/<engine id>/solves/<project and pipeline>/}, written whole and moved into place, so
 * concurrent runs never write the same file. Pipeline names are only unique within a project (two checkouts both have
 * their {@code app}), so the solves of a pipeline are those of one project's pipeline of that name. A solve is
 * recorded when it is planned, before it uses anything, with the process and the solver that made it; a solver marks
 * itself closed when its engine closes. So a prune in another JVM sees what
 * a live solver is about to use or still uses. Thread-safe.
 */
public final class SolveRecords {

    private static final Logger LOG = LoggerFactory.getLogger(SolveRecords.class);

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** How long a solver on another host counts as live when it was not closed: its process cannot be checked. */
    private static final long REMOTE_LIVE_MILLIS = 6 * 3600_000L;

    private final Path dir;
    private final Path closed;

    /**
     * Opens the records of one engine.
     *
     * @param cacheDir the user's Lattice cache directory
     * @param engineId identifies the Docker engine (its id)
     */
    public SolveRecords(Path cacheDir, String engineId) {
        Path engineDir = cacheDir.resolve("engines").resolve(digest(engineId).substring(0, 16));
        this.dir = engineDir.resolve("solves");
        this.closed = engineDir.resolve("closed-solvers");
    }

    /**
     * One recorded solve: its project (empty when recorded before solves named it), pipeline, run, host, process and
     * solver, its time, and the cache keys and volumes it used.
     */
    public record Solve(String project, String pipeline, String runId, String host, long pid, String solver, long at,
                        Set<String> keys, Set<String> volumes) {
    }

    /**
     * Records that a solver solves a plan (its layers and the layers of the pipelines it copies from). A failure to
     * write costs only the record: the prune then treats the entries as it treats any it knows no solve of.
     *
     * @param labels the run's labels (run id, host, process)
     * @param project the {@link Project#id() id} of the project the solver builds for
     * @param solver identifies the solver, until it is {@link #closed(String) closed}
     * @param plan the plan
     */
    void record(RunLabels labels, String project, String solver, PipelinePlan plan) {
        String runId = labels.runId();
        Set<String> keys = new TreeSet<>();
        Set<String> volumes = new TreeSet<>();
        collect(plan, keys, volumes);
        Properties record = new Properties();
        record.setProperty("project", project);
        record.setProperty("pipeline", plan.pipelineName());
        record.setProperty("run", runId);
        record.setProperty("host", labels.host());
        record.setProperty("pid", Long.toString(labels.pid()));
        record.setProperty("solver", solver);
        long now = System.currentTimeMillis();
        record.setProperty("at", Long.toString(now));
        record.setProperty("keys", String.join(",", keys));
        record.setProperty("volumes", String.join(",", volumes));
        try {
            // Records made before solves named their project are under the digest of the pipeline name alone: they
            // stay a group of their own, which no new solve joins.
            Path pipelineDir = dir.resolve(digest(project + "\n" + plan.pipelineName()).substring(0, 24));
            String name = String.format("%015d-%s-%d", now, runId.replaceAll("[^A-Za-z0-9_.-]", "_"),
                    SEQUENCE.incrementAndGet());
            try {
                write(pipelineDir, name, record);
            } catch (NoSuchFileException folderRemoved) {
                // A prune removed the folder while it was empty, between its creation and the write: once more.
                write(pipelineDir, name, record);
            }
        } catch (IOException | RuntimeException unwritable) {
            // Only the record is lost.
            LOG.debug("Cannot record a solve under {}", dir, unwritable);
        }
    }

    private static void write(Path pipelineDir, String name, Properties record) throws IOException {
        Files.createDirectories(pipelineDir);
        Path temporary = pipelineDir.resolve(name + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            record.store(out, null);
        }
        Files.move(temporary, pipelineDir.resolve(name + ".solve"), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Marks a solver closed: what it recorded is no longer in use on its account.
     *
     * @param solver the solver
     */
    void closed(String solver) {
        try {
            Files.createDirectories(closed);
            Files.write(closed.resolve(solver), new byte[0]);
        } catch (IOException | RuntimeException unwritable) {
            // Its process ending shows it too, on this host.
            LOG.debug("Cannot mark solver {} closed under {}", solver, closed, unwritable);
        }
    }

    /**
     * Whether a recorded solve's solver may still use what it recorded: not closed, and its process alive (on this
     * host), or recorded in the last hours (on another host, where the process cannot be checked).
     *
     * @param solve the solve
     * @param thisHost this host's name, as the run labels give it
     * @return true when a prune must keep what it used
     */
    public boolean isLive(Solve solve, String thisHost) {
        if (Files.exists(closed.resolve(solve.solver()))) {
            return false;
        }
        if (solve.host().equals(thisHost)) {
            return ProcessHandle.of(solve.pid()).map(ProcessHandle::isAlive).orElse(false);
        }
        return solve.at() > System.currentTimeMillis() - REMOTE_LIVE_MILLIS;
    }

    /**
     * Reads every recorded solve, grouped by project and pipeline, newest first within each.
     *
     * @return the solves of each project's pipeline; empty when none were recorded
     */
    public List<List<Solve>> byPipeline() {
        List<List<Solve>> all = new ArrayList<>();
        for (Path pipelineDir : list(dir)) {
            List<Solve> solves = new ArrayList<>();
            for (Path file : list(pipelineDir)) {
                if (file.getFileName().toString().endsWith(".solve")) {
                    read(file).ifPresent(solves::add);
                }
            }
            solves.sort(Comparator.comparingLong(Solve::at).reversed());
            if (!solves.isEmpty()) {
                all.add(solves);
            }
        }
        return all;
    }

    /**
     * Deletes, once a prune removed their entries, the records of each project's pipeline beyond its newest
     * {@code keep}, and those made before {@code unusedBefore} (the prune's age limit: what only they name went by
     * age, and a project that is gone, a CI workspace say, would otherwise keep its records, and with them its
     * entries' standing as recent, for good); then the folders left empty. The records of a kept run or a live solver
     * stay, so a later prune still knows their entries.
     *
     * @param keep how many solves of each project's pipeline to keep
     * @param unusedBefore the time (epoch milliseconds) before which a record goes whatever its position
     * @param keptRun the run whose records stay; null for none
     */
    public void forget(int keep, long unusedBefore, String keptRun) {
        forgetOldClosedMarks();
        for (Path pipelineDir : list(dir)) {
            forgetUnfinishedWrites(pipelineDir, unusedBefore);
            List<Path> files = new ArrayList<>(list(pipelineDir).stream()
                    .filter(file -> file.getFileName().toString().endsWith(".solve")).toList());
            // Names start with the time, zero-padded: newest last.
            files.sort(Comparator.comparing(file -> file.getFileName().toString()));
            int beyond = Math.max(0, files.size() - keep);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                if (i >= beyond && madeAt(file) >= unusedBefore) {
                    continue;
                }
                Optional<Solve> solve = read(file);
                if (solve.map(recorded -> recorded.runId().equals(keptRun)
                        || isLive(recorded, RunLabels.current().host())).orElse(false)) {
                    continue;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException stillThere) {
                    // Read again next time; harmless.
                    LOG.debug("Cannot delete solve record {}", file, stillThere);
                }
            }
            try {
                Files.deleteIfExists(pipelineDir); // only when empty; a record written meanwhile keeps it
            } catch (IOException notEmpty) {
                // Still in use.
            }
        }
    }

    /** When a record was made, from its name (which starts with the time): read without opening it. */
    private static long madeAt(Path record) {
        String name = record.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? name : name.substring(0, dash));
        } catch (NumberFormatException notARecordName) {
            return Long.MAX_VALUE; // kept: read as a record elsewhere, or not one
        }
    }

    /** Deletes the temporary files of writes a killed process never finished, once older than the age limit. */
    private static void forgetUnfinishedWrites(Path pipelineDir, long unusedBefore) {
        for (Path file : list(pipelineDir)) {
            try {
                if (file.getFileName().toString().endsWith(".tmp")
                        && Files.getLastModifiedTime(file).toMillis() < unusedBefore) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException stillThere) {
                LOG.debug("Cannot delete unfinished solve record {}", file, stillThere);
            }
        }
    }

    /** Deletes the closed marks older than a day: by then a record's process or age tells as much. */
    private void forgetOldClosedMarks() {
        long dayAgo = System.currentTimeMillis() - 24 * 3600_000L;
        for (Path mark : list(closed)) {
            try {
                if (Files.getLastModifiedTime(mark).toMillis() < dayAgo) {
                    Files.deleteIfExists(mark);
                }
            } catch (IOException stillThere) {
                // Tried again next time.
                LOG.debug("Cannot delete closed mark {}", mark, stillThere);
            }
        }
    }

    private static void collect(PipelinePlan plan, Set<String> keys, Set<String> volumes) {
        for (Layer layer : plan.layers()) {
            keys.add(layer.key());
            volumes.addAll(layer.exec().cacheMounts().values());
            for (PipelinePlan source : layer.dependencies()) {
                collect(source, keys, volumes);
            }
        }
    }

    private static Optional<Solve> read(Path file) {
        Properties record = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            record.load(in);
            return Optional.of(new Solve(record.getProperty("project", ""), record.getProperty("pipeline", ""),
                    record.getProperty("run", ""), record.getProperty("host", ""),
                    Long.parseLong(record.getProperty("pid", "0")), record.getProperty("solver", ""),
                    Long.parseLong(record.getProperty("at", "0")),
                    split(record.getProperty("keys", "")), split(record.getProperty("volumes", ""))));
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    private static Set<String> split(String list) {
        Set<String> values = new TreeSet<>();
        for (String value : list.split(",")) {
            if (!value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }

    private static List<Path> list(Path directory) {
        List<Path> entries = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return entries;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(entries::add);
        } catch (IOException unreadable) {
            // Nothing recorded that can be read.
            LOG.debug("Cannot list {}", directory, unreadable);
        }
        return entries;
    }

    private static String digest(String text) {
        return ContentDigest.of(text);
    }
}
