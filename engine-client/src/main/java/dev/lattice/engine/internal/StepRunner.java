package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one layer on the engine and records its result as a cache image tagged with its key: an exec through
 * {@link ExecStep}, a copy through {@link CopyStep}, a configuration change as a commit of a created container
 * ({@link LayerCommits}). Owns what those share for the engine's lifetime: the network sandbox, the parked containers,
 * the removal thread and the preparation pool.
 */
final class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final ContainerReaper reaper;
    // Engine requests beside a running step: a copy's target container, the next exec's container and its files, the
    // check that a quick exec left no process behind. A step has at most two of them under way at once, and none waits
    // for another, so two per step that may run at once (and one for the solve's network sandbox) never hold up a step.
    private final ExecutorService preparer;
    private final NetworkSandbox sandbox;
    private final ParkedContainers parked;
    private final ExecContainers execContainers;
    private final LayerCommits commits;
    private final ExecStep execs;
    private final CopyStep copies;

    StepRunner(DockerClient docker, RunLabels labels, Optional<CaBundle> caBundle, StepOutputs outputs,
               Duration execLimit, int parallelism, String engineId, RegistryCache registry) {
        this.reaper = new ContainerReaper(docker);
        this.preparer = DaemonThreads.pool("lattice-container-preparation", 2 * parallelism + 1);
        this.sandbox = new NetworkSandbox(docker, labels);
        this.parked = new ParkedContainers(docker);
        this.execContainers = new ExecContainers(docker, labels, caBundle, sandbox,
                new CacheVolumes(docker, labels, engineId, registry), reaper, engineId);
        this.commits = new LayerCommits(docker, labels, reaper);
        this.execs = new ExecStep(docker, labels, execContainers, parked, commits, outputs, reaper, preparer, execLimit);
        this.copies = new CopyStep(docker, labels, commits, execContainers, parked, reaper, preparer,
                () -> BuildKitCopy.forEngine(docker, labels));
    }

    /** Stops preparing, waits for pending container removals, removes parked containers and the sandbox. */
    void close() {
        preparer.shutdown();
        reaper.close();
        parked.close();
        sandbox.close();
    }

    /**
     * Builds the layer on top of {@code parentImageId} and returns the new image's id.
     *
     * @param next         the layer that will be built on this one's image next, or null when none will be
     * @param sourceImages image ids of the layer's dependencies, in the order of {@link Layer#dependencies()}
     */
    String run(String pipelineName, Layer layer, Layer next, String parentImageId, List<String> sourceImages) {
        return switch (layer.kind()) {
            case EXEC -> execs.run(pipelineName, layer, parentImageId);
            case COPY -> copies.run(layer, next, parentImageId, sourceImages);
            case CONFIG -> commits.commitConfigured(layer, commits.createConfigured(layer, parentImageId), null);
        };
    }

    /**
     * Gets ready for execs on {@code anyImageId} in the background: the network sandbox they join and
     * the CA volume they mount, so the first exec of a solve does not wait for them. Failures are left
     * to that exec, which repeats the work and reports them.
     */
    void prepareForExecs(String anyImageId) {
        try {
            preparer.execute(() -> {
                try {
                    execContainers.prepare(anyImageId);
                } catch (RuntimeException reportedByTheExec) {
                    LOG.debug("Preparing for execs on {} failed; the first exec tries again", anyImageId,
                            reportedByTheExec);
                }
            });
        } catch (RejectedExecutionException closed) {
            // The engine is closing: no exec will need them.
            LOG.debug("Not preparing for execs on {}: the engine is closing", anyImageId);
        }
    }
}
