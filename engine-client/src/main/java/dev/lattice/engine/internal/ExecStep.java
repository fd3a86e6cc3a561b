package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.StepFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exec layer with {@code docker exec} in a container kept alive by {@code sleep infinity}, so exec-only
 * variables and secrets never enter the container's configuration (which a commit would copy into the image), and
 * commits it. A quick exec's container is parked for the next exec of the chain.
 */
final class ExecStep {

    private static final Logger LOG = LoggerFactory.getLogger(ExecStep.class);
    /** An exec quicker than this wrote little, so the next commit re-reading its diff costs little. */
    private static final long QUICK_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final DockerClient docker;
    private final RunLabels labels;
    private final ExecContainers containers;
    private final ParkedContainers parked;
    private final LayerCommits commits;
    private final StepOutputs outputs;
    private final ContainerReaper reaper;
    private final ExecutorService preparer;
    private final Duration limit;

    ExecStep(DockerClient docker, RunLabels labels, ExecContainers containers, ParkedContainers parked,
             LayerCommits commits, StepOutputs outputs, ContainerReaper reaper, ExecutorService preparer,
             Duration limit) {
        this.docker = docker;
        this.labels = labels;
        this.containers = containers;
        this.parked = parked;
        this.commits = commits;
        this.outputs = outputs;
        this.reaper = reaper;
        this.preparer = preparer;
        this.limit = limit;
    }

    /** Runs the exec on {@code parentImageId} and returns the committed image's id. */
    String run(String pipelineName, Layer layer, String parentImageId) {
        StepDefinition.Exec exec = (StepDefinition.Exec) layer.operation();
        ImageConfig config = layer.config();
        ExecContext context = layer.exec();
        SecretFiles secretFiles = SecretFiles.prepare(docker, labels, parentImageId, context.secretFiles());
        String signature = ExecContainers.reuseSignature(layer);
        String container = signature == null ? null : parked.claim(parentImageId, signature);
        boolean keep = false;
        long started = System.nanoTime();
        try {
            if (container == null) {
                container = containers.start(parentImageId, config, context, secretFiles);
            }
            long executing = System.nanoTime();
            ExecOutput output = execute(pipelineName, layer, exec, container);
            long executed = System.nanoTime();
            // Keep the container, unless the exec left processes behind, which a fresh container would not have (and
            // which could change its files): a quick exec's for the next exec, a longer one's only for reading the
            // image's files (a copy of them into another pipeline), since a commit after another exec in it would
            // re-read this exec's large diff. That check runs while the commit does.
            String ran = container;
            boolean quick = System.nanoTime() - started < QUICK_NANOS;
            CompletableFuture<Boolean> reusable = signature != null
                    ? checkInBackground(() -> containers.onlyKeepAliveRuns(ran))
                    : CompletableFuture.completedFuture(false);
            String imageId = commits.commitExec(layer, container);
            LOG.debug("{}: {} ms to get a container, {} ms to run, {} ms to commit", layer.description(),
                    (executing - started) / 1_000_000, (executed - executing) / 1_000_000,
                    (System.nanoTime() - executed) / 1_000_000);
            outputs.record(layer.key(), output.stdout());
            if (reusable.join()) {
                parked.park(imageId, container, quick ? signature : ParkedContainers.forReadingOnly(signature),
                        containers.mountPoints(context));
                keep = true;
            }
            return imageId;
        } finally {
            String used = keep ? null : container;
            // Removal is off the critical path: the image is committed, and close() waits for removals.
            reaper.later(() -> {
                if (used != null) {
                    reaper.removeNow(used);
                }
                secretFiles.remove(docker);
            });
        }
    }

    /** Runs the command in the container within the time limit; returns its output when its exit code is accepted. */
    private ExecOutput execute(String pipelineName, Layer layer, StepDefinition.Exec exec, String container) {
        ImageConfig config = layer.config();
        List<String> env = containers.baseEnv();
        exec.execEnv().forEach((name, value) -> env.add(name + "=" + value));
        layer.exec().secretEnv().forEach((name, secret) -> env.add(name + "=" + secret.reveal()));
        var execCreate = docker.execCreateCmd(container).withCmd(exec.args().toArray(String[]::new))
                .withEnv(env).withWorkingDir(config.effectiveWorkdir())
                .withAttachStdout(true).withAttachStderr(true);
        if (!config.user().isEmpty()) {
            execCreate.withUser(config.user());
        }
        String execId = execCreate.exec().getId();
        ExecOutput output = new ExecOutput();
        Long exitCode;
        try {
            if (!docker.execStartCmd(execId).exec(output).awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                // Removing the container ends the exec's processes with it; the caller's removal finds it gone.
                StreamClosing.quietly(output, LOG, "the output of " + layer.description());
                reaper.removeNow(container);
                throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                        exec.args(), TimeLimits.format(limit), TimeLimits.raiseExec(), output.lastLines());
            }
            exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LatticeException("Interrupted while running " + layer.description(), interrupted);
        } catch (StepFailedException timedOut) {
            throw timedOut;
        } catch (RuntimeException engineFailed) {
            // The exec ended without an exit code (the connection was cut, say): still say which step, with its output.
            throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                    exec.args(), output.lastLines(), engineFailed);
        }
        int exit = exitCode == null ? -1 : exitCode.intValue();
        if (!exec.acceptedExitCodes().contains(exit)) {
            throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                    exec.args(), exit, containers.oomKilled(container), output.lastLines());
        }
        return output;
    }

    /** Runs the check beside the commit; once the engine is closing, answers no rather than failing the step. */
    private CompletableFuture<Boolean> checkInBackground(java.util.function.Supplier<Boolean> check) {
        try {
            return CompletableFuture.supplyAsync(check, preparer);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(false);
        }
    }
}
