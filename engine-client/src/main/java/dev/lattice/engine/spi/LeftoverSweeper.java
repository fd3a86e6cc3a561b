package dev.lattice.engine.spi;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.internal.CopyInputTags;
import dev.lattice.engine.internal.RunCleanup;

import java.util.Map;

/**
 * Removes containers, networks, transient volumes and volatile images that a killed run on this host
 * left behind: those labelled with this host whose {@code dev.lattice.pid} no longer runs; and the short-lived
 * tags of its in-engine copies. Cache
 * images and cache volumes stay (use prune for those).
 */
public final class LeftoverSweeper {

    private final DockerClient docker;
    private final RunLabels labels;

    /** Creates a sweeper for this host (taken from {@code labels}). */
    public LeftoverSweeper(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /** Removes the leftovers of dead processes on this host. */
    public void sweep() {
        new RunCleanup(docker, labels).removeMatching(
                Map.of(RunLabels.MANAGED, "true", RunLabels.HOST, labels.host()),
                found -> found != null && isDead(found.get(RunLabels.PID)));
        // Tags carry no labels: theirs say their host and process.
        CopyInputTags.sweep(docker, labels, pid -> isDead(String.valueOf(pid)));
    }

    private static boolean isDead(String pid) {
        if (pid == null) {
            return false;
        }
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(process -> !process.isAlive()).orElse(true);
        } catch (NumberFormatException notAPid) {
            return false;
        }
    }
}
