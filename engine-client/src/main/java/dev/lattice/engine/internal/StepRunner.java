package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Volume;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.ServiceBinding;
import dev.lattice.engine.StepFailedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one layer on the engine and records its result as a cache image tagged with its key.
 * Exec layers run their command with {@code docker exec} in a container kept alive by
 * {@code sleep infinity}, so exec-only variables and secrets never enter the container's
 * configuration (which a commit would copy into the image). Copy and configuration layers use a
 * created, never started container whose configuration is exactly the image's.
 */
final class StepRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private static final Set<String> KNOWN_VOLUMES = ConcurrentHashMap.newKeySet();

    private final DockerClient docker;
    private final RunLabels labels;
    private final Optional<CaBundle> caBundle;
    private final StepOutputs outputs;
    private final Duration execLimit;
    private final ExecutorService reaper = Executors.newSingleThreadExecutor(DaemonThreads.named("lattice-container-removal"));

    // Engine requests beside a running step: a copy's target container, the next exec's container and its files, the
    // check that a quick exec left no process behind. A step has at most two of them under way at once, and none waits
    // for another, so two per step that may run at once (and one for the solve's network sandbox) never hold up a step.
    private final ExecutorService preparer;

    private final NetworkSandbox sandbox;
    private final ParkedContainers parked;

    StepRunner(DockerClient docker, RunLabels labels, Optional<CaBundle> caBundle, StepOutputs outputs,
               Duration execLimit, int parallelism) {
        this.docker = docker;
        this.preparer = DaemonThreads.pool("lattice-container-preparation", 2 * parallelism + 1);
        this.execLimit = execLimit;
        this.labels = labels;
        this.caBundle = caBundle;
        this.outputs = outputs;
        this.sandbox = new NetworkSandbox(docker, labels);
        this.parked = new ParkedContainers(docker);
    }

    /** Waits for pending container removals. */
    void close() {
        preparer.shutdown();
        reaper.shutdown();
        try {
            reaper.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
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
            case EXEC -> runExec(pipelineName, layer, parentImageId);
            case COPY -> runCopy(layer, next, parentImageId, sourceImages);
            case CONFIG -> commitConfigured(layer, createConfigured(layer, parentImageId), null);
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
                    caBundle.ifPresent(ca -> ca.ensureVolume(docker, labels, anyImageId));
                    sandbox.networkMode(anyImageId);
                } catch (RuntimeException reportedByTheExec) {
                    // The exec that needs them tries again and reports the failure.
                    LOG.debug("Preparing for execs on {} failed; the first exec tries again", anyImageId,
                            reportedByTheExec);
                }
            });
        } catch (RejectedExecutionException closed) {
            // The engine is closing: no exec will need them.
        }
    }

    /**
     * Returns the settings an exec container is made with, so a container can serve several execs
     * that agree on them; null when the exec needs a container of its own (service networks, or
     * secret files whose volume belongs to one exec).
     */
    private static String reuseSignature(Layer layer) {
        if (layer == null || layer.kind() != Layer.Kind.EXEC || !layer.exec().services().isEmpty()
                || !layer.exec().secretFiles().isEmpty()) {
            return null;
        }
        return layer.config().env() + "|" + layer.config().effectiveWorkdir() + "|" + layer.exec().cacheMounts();
    }

    private List<Mount> execMounts(ExecContext context, String parentImageId) {
        List<Mount> mounts = new ArrayList<>();
        context.cacheMounts().forEach((path, volume) -> {
            ensureCacheVolume(volume);
            // An empty volume is first filled with what the image holds at the path (the engine's volume rule).
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(path));
        });
        caBundle.ifPresent(ca -> {
            ca.ensureVolume(docker, labels, parentImageId);
            mounts.add(ca.mount());
        });
        return mounts;
    }

    private String runExec(String pipelineName, Layer layer, String parentImageId) {
        StepDefinition.Exec exec = (StepDefinition.Exec) layer.operation();
        ImageConfig config = layer.config();
        ExecContext context = layer.exec();
        List<Mount> mounts = execMounts(context, parentImageId);
        SecretFiles secretFiles = SecretFiles.prepare(docker, labels, parentImageId, context.secretFiles());
        String signature = reuseSignature(layer);
        String container = signature == null ? null : parked.claim(parentImageId, signature);
        boolean keep = false;
        long started = System.nanoTime();
        try {
            if (container == null) {
                container = startExecContainer(parentImageId, config, context, mounts, secretFiles);
            }
            List<String> env = new ArrayList<>();
            caBundle.ifPresent(ca -> env.addAll(ca.execEnv()));
            exec.execEnv().forEach((name, value) -> env.add(name + "=" + value));
            context.secretEnv().forEach((name, secret) -> env.add(name + "=" + secret.reveal()));
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
                if (!docker.execStartCmd(execId).exec(output).awaitCompletion(execLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                    // Removing the container ends the exec's processes with it; the finally below finds it gone.
                    StreamClosing.quietly(output, LOG, "the output of " + layer.description());
                    removeQuietly(container);
                    throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                            exec.args(), TimeLimits.format(execLimit), TimeLimits.raiseExec(), output.lastLines());
                }
                exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            } catch (StepFailedException timedOut) {
                throw timedOut;
            } catch (RuntimeException engineFailed) {
                // The exec ended without an exit code (the connection was cut, say): still say which step, with its output.
                throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                        exec.args(), output.lastLines(), engineFailed);
            }
            int exit = exitCode == null ? -1 : exitCode.intValue();
            if (!exec.acceptedExitCodes().contains(exit)) {
                boolean oom = oomKilled(container);
                throw new StepFailedException(pipelineName, layer.index(), layer.count(), layer.description(),
                        exec.args(), exit, oom, output.lastLines());
            }
            // A quick exec wrote little, so the next commit re-reading this diff costs little: keep the container,
            // unless the exec left processes behind, which a fresh container would not have. That check runs
            // while the commit does.
            String ran = container;
            CompletableFuture<Boolean> reusable = signature != null
                    && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3)
                    ? checkInBackground(() -> onlyKeepAliveRuns(ran))
                    : CompletableFuture.completedFuture(false);
            String imageId = docker.commitCmd(container).withRepository(StepImages.CACHE_REPOSITORY)
                    .withTag(layer.key()).withLabels(imageLabels(layer)).withPause(false)
                    .withCmd(config.cmd().toArray(String[]::new)).exec();
            outputs.record(layer.key(), output.stdout());
            if (reusable.join()) {
                parked.park(imageId, container, signature, mountPoints(context));
                keep = true;
            }
            return imageId;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LatticeException("Interrupted while running " + layer.description(), interrupted);
        } finally {
            String used = keep ? null : container;
            // Removal is off the critical path: the image is committed, and close() waits for removals.
            later(() -> {
                if (used != null) {
                    removeQuietly(used);
                }
                secretFiles.remove(docker);
            });
        }
    }

    private String startExecContainer(String parentImageId, ImageConfig config, ExecContext context, List<Mount> mounts,
                                  SecretFiles secretFiles) {
        HostConfig host = HostConfig.newHostConfig().withMounts(mounts);
        if (!secretFiles.binds().isEmpty()) {
            host.withBinds(secretFiles.binds());
        }
        List<ServiceBinding> services = new ArrayList<>(context.services().values());
        String sandboxMode = null;
        if (!services.isEmpty()) {
            host.withNetworkMode(services.get(0).networkName());
            List<String> hosts = new ArrayList<>();
            context.services().forEach((alias, service) -> hosts.add(alias + ":" + service.ipAddress()));
            host.withExtraHosts(hosts.toArray(String[]::new));
        } else {
            sandboxMode = sandbox.networkMode(parentImageId);
            host.withNetworkMode(sandboxMode);
        }
        String container = createExecContainer(parentImageId, config, host);
        for (ServiceBinding service : services.subList(Math.min(1, services.size()), services.size())) {
            if (!service.networkName().equals(services.get(0).networkName())) {
                docker.connectToNetworkCmd().withContainerId(container).withNetworkId(service.networkName()).exec();
            }
        }
        try {
            docker.startContainerCmd(container).exec();
        } catch (DockerException sandboxGone) {
            if (sandboxMode == null) {
                throw sandboxGone;
            }
            // The shared network sandbox was removed under us: start a new one and retry once.
            removeQuietly(container);
            sandbox.invalidate(sandboxMode);
            host.withNetworkMode(sandbox.networkMode(parentImageId));
            container = createExecContainer(parentImageId, config, host);
            docker.startContainerCmd(container).exec();
        }
        return container;
    }

    /** Runs the check beside the commit; once the engine is closing, answers no rather than failing the step. */
    private CompletableFuture<Boolean> checkInBackground(java.util.function.Supplier<Boolean> check) {
        try {
            return CompletableFuture.supplyAsync(check, preparer);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Whether the engine killed the container for lack of memory; false when it cannot tell, so the exit is still told. */
    private boolean oomKilled(String container) {
        try {
            InspectContainerResponse state = docker.inspectContainerCmd(container).exec();
            return Boolean.TRUE.equals(state.getState().getOOMKilled());
        } catch (RuntimeException unknown) {
            LOG.debug("Cannot inspect container {} for an out-of-memory kill", container, unknown);
            return false;
        }
    }

    private boolean onlyKeepAliveRuns(String container) {
        try {
            String[][] processes = docker.topContainerCmd(container).exec().getProcesses();
            return processes != null && processes.length == 1;
        } catch (RuntimeException unknown) {
            // Not knowing only costs a fresh container next time. Podman sometimes answers /top with an empty body,
            // which docker-java reports as a JSON error rather than a DockerException.
            LOG.debug("Cannot list the processes of container {}; it is not reused", container, unknown);
            return false;
        }
    }

    private String createExecContainer(String parentImageId, ImageConfig config, HostConfig host) {
        CreateContainerCmd create = docker.createContainerCmd(parentImageId)
                .withEntrypoint("sleep").withCmd("infinity")
                .withEnv(config.env()).withWorkingDir(config.effectiveWorkdir())
                .withLabels(labels.forKind("step")).withHostConfig(host);
        return create.exec().getId();
    }

    private String runCopy(Layer layer, Layer next, String parentImageId, List<String> sourceImages) {
        // The target container depends only on the parent image: create it while the archive is being written.
        CompletableFuture<String> target = CompletableFuture.supplyAsync(
                () -> createConfigured(layer, parentImageId), preparer);
        // When an exec follows, start its container now and give it the same files, so the exec need not start one.
        MountPoints successorMounts = successorMounts(layer, next);
        String signature = successorMounts == null ? null : reuseSignature(next);
        CompletableFuture<String> successor = signature == null ? null : CompletableFuture.supplyAsync(
                () -> startExecContainer(parentImageId, next.config(), next.exec(),
                        execMounts(next.exec(), parentImageId), SecretFiles.NONE), preparer);
        try (LayerArchive archive = LayerArchive.create()) {
            fillArchive(archive, layer, sourceImages);
            archive.finish();
            CompletableFuture<String> successorFilled = successor == null ? null
                    : successor.thenApplyAsync(container -> putArchive(container, archive, layer), preparer);
            String imageId = commitConfigured(layer, joinCreated(target), archive);
            if (successorFilled != null) {
                parkWhenFilled(imageId, successor, successorFilled, signature, successorMounts);
            }
            return imageId;
        } catch (IOException e) {
            discard(target);
            discard(successor);
            throw new LatticeException("Cannot prepare " + layer.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(target);
            discard(successor);
            throw e;
        }
    }

    /**
     * Returns the mount points of {@code next}'s container when {@code next} is an exec whose container can take a
     * copy of this layer's files while running (the copy must not land in anything mounted there); else null.
     */
    private MountPoints successorMounts(Layer layer, Layer next) {
        if (next == null || next.kind() != Layer.Kind.EXEC) {
            return null;
        }
        MountPoints mounts = mountPoints(next.exec());
        return mounts.overlap(layer.destination()) ? null : mounts;
    }

    private MountPoints mountPoints(ExecContext context) {
        return MountPoints.of(context, caBundle.isPresent());
    }

    /** Parks the successor container for image {@code imageId} once it holds the copied files; else removes it. */
    private void parkWhenFilled(String imageId, CompletableFuture<String> successor,
                                CompletableFuture<String> successorFilled, String signature, MountPoints mountPoints) {
        try {
            parked.park(imageId, successorFilled.join(), signature, mountPoints);
        } catch (CompletionException failed) {
            // The next exec starts a container of its own; this one is removed if it was made.
            LOG.debug("Preparing the next exec's container for image {} failed; that exec starts its own", imageId,
                    failed.getCause());
            discard(successor);
        }
    }

    /** Removes a prepared container that will not be committed (a removal that comes twice is harmless). */
    private void discard(CompletableFuture<String> container) {
        if (container != null) {
            container.thenAccept(this::removeLater);
        }
    }

    private static String joinCreated(CompletableFuture<String> target) {
        try {
            return target.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private void fillArchive(LayerArchive archive, Layer layer, List<String> sourceImages) throws IOException {
        String destination = layer.destination();
        if (layer.operation() instanceof StepDefinition.CopyFile copy) {
            if (copy.source() instanceof FileSource.HostFile host) {
                archive.hostFile(destination, host.path(), HostTree.mode(host.path()));
            } else if (copy.source() instanceof FileSource.InMemoryFile memory) {
                archive.bytes(destination, memory.content(), memory.mode());
            } else {
                FileSource.ContainerFile other = (FileSource.ContainerFile) copy.source();
                copyFromImage(archive, sourceImages.get(0), other.path(), destination, true, List.of(), List.of());
            }
        } else {
            StepDefinition.CopyDirectory copy = (StepDefinition.CopyDirectory) layer.operation();
            if (copy.source() instanceof DirectorySource.HostDirectory host) {
                archive.hostTree(HostTree.scan(host.root(), host.includes(), host.excludes()), destination);
            } else {
                DirectorySource.ContainerDirectory other = (DirectorySource.ContainerDirectory) copy.source();
                copyFromImage(archive, sourceImages.get(0), other.path(), destination, false, other.includes(),
                        other.excludes());
            }
        }
    }

    private void copyFromImage(LayerArchive archive, String imageId, String path, String destination, boolean single,
                               List<String> includes, List<String> excludes) throws IOException {
        ParkedContainers.Parked live = parked.borrow(imageId, path);
        if (live != null) {
            // A parked container of that image runs and shows the image's files at the path: read from it.
            boolean givenBack = false;
            try (InputStream in = docker.copyArchiveFromContainerCmd(live.container(), path).exec()) {
                archive.containerArchive(in, destination, single, includes, excludes);
                parked.giveBack(imageId, live);
                givenBack = true;
                return;
            } catch (DockerException gone) {
                // Removed meanwhile (expired, or a cleanup), or the path is missing: a new container below says which.
                LOG.debug("Cannot read {} from parked container {}; reading through a new one", path,
                        live.container(), gone);
            } finally {
                if (!givenBack) {
                    // Borrowed and neither read nor given back: nothing else would remove it before the run ends.
                    removeLater(live.container());
                }
            }
        }
        String helper = docker.createContainerCmd(imageId).withEntrypoint("/lattice-never-started")
                .withLabels(labels.forKind("step")).exec().getId();
        try (InputStream in = docker.copyArchiveFromContainerCmd(helper, path).exec()) {
            archive.containerArchive(in, destination, single, includes, excludes);
        } catch (DockerException e) {
            throw new LatticeException("Cannot read " + path + " from the source container (image " + imageId + "): "
                    + e.getMessage(), e);
        } finally {
            removeLater(helper);
        }
    }

    /** Creates (never starts) a container of the parent image with exactly the layer's image configuration. */
    private String createConfigured(Layer layer, String parentImageId) {
        ImageConfig config = layer.config();
        CreateContainerCmd create = docker.createContainerCmd(parentImageId)
                .withEntrypoint(config.entrypoint().toArray(String[]::new))
                .withCmd(config.cmd().toArray(String[]::new))
                .withEnv(config.env())
                .withLabels(imageLabels(layer))
                .withExposedPorts(config.exposedPorts().stream().map(ExposedPort::tcp).toList());
        if (!config.workdir().isEmpty()) {
            create.withWorkingDir(config.workdir());
        }
        if (!config.user().isEmpty()) {
            create.withUser(config.user());
        }
        config.healthcheck().ifPresent(check -> create.withHealthcheck(dockerHealthcheck(check)));
        return create.exec().getId();
    }

    /** Copies the archive (if any) into the created container and commits it as the layer's cache image. */
    private String commitConfigured(Layer layer, String container, LayerArchive archive) {
        try {
            if (archive != null) {
                putArchive(container, archive, layer);
            }
            return docker.commitCmd(container).withRepository(StepImages.CACHE_REPOSITORY).withTag(layer.key())
                    .withPause(false).exec();
        } finally {
            removeLater(container);
        }
    }

    /** Unpacks the archive of {@code layer} at the root of the container's filesystem and returns the container. */
    private String putArchive(String container, LayerArchive archive, Layer layer) {
        try (InputStream in = Files.newInputStream(archive.file())) {
            docker.copyArchiveToContainerCmd(container).withRemotePath("/").withTarInputStream(in).exec();
            return container;
        } catch (IOException e) {
            throw new LatticeException("Cannot copy files for " + layer.description() + ": " + e.getMessage(), e);
        }
    }

    private static HealthCheck dockerHealthcheck(ImageConfig.Healthcheck check) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(check.command());
        long interval = check.interval().toNanos();
        return new HealthCheck().withTest(test).withInterval(interval).withTimeout(interval).withRetries(3);
    }

    private Map<String, String> imageLabels(Layer layer) {
        Map<String, String> all = new java.util.TreeMap<>(layer.config().labels());
        all.putAll(labels.forKind("cache"));
        all.put(StepImages.KEY_LABEL, layer.key());
        if (layer.isVolatile()) {
            all.put(StepImages.VOLATILE_LABEL, "true");
        }
        return all;
    }

    private void ensureCacheVolume(String volume) {
        if (KNOWN_VOLUMES.contains(volume)) {
            return;
        }
        // Creating an existing volume returns it unchanged, so concurrent runs need no coordination.
        Map<String, String> volumeLabels = labels.forKind("cache-volume");
        volumeLabels.put(StepImages.CREATED_LABEL, Long.toString(System.currentTimeMillis()));
        docker.createVolumeCmd().withName(volume).withLabels(volumeLabels).exec();
        KNOWN_VOLUMES.add(volume);
    }

    /** Removes a container off the step's path; after {@link #close()}, on it. */
    private void removeLater(String container) {
        later(() -> removeQuietly(container));
    }

    /** Runs a removal on the removal thread, or here once that thread is shut down: it never leaks. */
    private void later(Runnable removal) {
        try {
            reaper.execute(removal);
        } catch (RejectedExecutionException closed) {
            removal.run();
        }
    }

    private void removeQuietly(String container) {
        ContainerRemoval.quietly(docker, container);
    }

    /** Secret files of one exec: a transient volume holding them, bound file by file at their paths. */
    record SecretFiles(String volume, List<Bind> binds) {

        /** No secret files. */
        static final SecretFiles NONE = new SecretFiles(null, List.of());

        static SecretFiles prepare(DockerClient docker, RunLabels labels, String anyImageId,
                                   Map<String, SecretValue> files) {
            if (files.isEmpty()) {
                return NONE;
            }
            String volume = "lattice-secret-" + java.util.UUID.randomUUID();
            docker.createVolumeCmd().withName(volume).withLabels(labels.forKind("secret")).exec();
            String helper = docker.createContainerCmd(anyImageId).withEntrypoint("/lattice-never-started")
                    .withLabels(labels.forKind("step"))
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                            new Mount().withType(MountType.VOLUME).withSource(volume).withTarget("/lattice-secrets"))))
                    .exec().getId();
            List<String> paths = new ArrayList<>(files.keySet());
            try (LayerArchive archive = LayerArchive.create()) {
                for (int i = 0; i < paths.size(); i++) {
                    archive.bytes("/lattice-secrets/" + i, files.get(paths.get(i)).reveal()
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), 0444);
                }
                archive.finish();
                try (InputStream in = Files.newInputStream(archive.file())) {
                    docker.copyArchiveToContainerCmd(helper).withRemotePath("/").withTarInputStream(in).exec();
                }
            } catch (IOException e) {
                throw new LatticeException("Cannot prepare secret files: " + e.getMessage(), e);
            } finally {
                // Quietly: a failed removal must not hide why the files could not be written.
                ContainerRemoval.quietly(docker, helper);
            }
            // Bind sources are paths on the engine's host: the volume's mount point there.
            String mountpoint = docker.inspectVolumeCmd(volume).exec().getMountpoint();
            List<Bind> binds = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                binds.add(new Bind(mountpoint + "/" + i, new Volume(paths.get(i)), AccessMode.ro));
            }
            return new SecretFiles(volume, binds);
        }

        void remove(DockerClient docker) {
            if (volume != null) {
                try {
                    docker.removeVolumeCmd(volume).exec();
                } catch (DockerException stillInUse) {
                    // Removed by the run's cleanup at the latest.
                    LOG.debug("Cannot remove secret volume {} now; the run's cleanup removes it", volume, stillInUse);
                }
            }
        }
    }
}
