package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.Image;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.ProgressListener;
import dev.lattice.engine.SolveReport;
import dev.lattice.engine.StepEvent;
import dev.lattice.engine.StepFailedException;
import dev.lattice.engine.StepStatus;
import dev.lattice.engine.spi.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the graph of futures: solves a plan from its last layer backwards, so a cached final image
 * needs nothing else; builds missing layers on a bounded pool once their parent and sources are
 * ready (composed with {@code thenCompose}/{@code allOf}: a layer waiting for its inputs holds no
 * thread); shares in-flight and finished steps by key through {@link InFlightSteps}.
 *
 * <p>A step's thread does wait inside the step, for the engine's work that the step itself started: the
 * container prepared for it, the check that a quick exec left no process behind (which runs while the commit
 * does), and a copy's target container. Those waits end with engine requests, never with other steps.
 *
 * <p>When a step fails, the steps of the same solve that are already running finish and are
 * cached; steps not started yet are skipped.
 */
public final class PipelineSolver {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSolver.class);

    private final EngineSettings settings;
    private final DockerClient docker;
    private final BaseImages baseImages;
    private final InFlightSteps inFlight;
    private final StepRunner runner;
    private final StepOutputs outputs;
    private final ExplainState explainState;
    private final SolveRecords solveRecords;
    private final StepLocks stepLocks;
    private final RegistryCache registry;
    // Pulls from the registry cache: network-bound, so they take no step's place in the step pool.
    private final ExecutorService pulls;
    private final String solverId = UUID.randomUUID().toString();
    private final ExecutorService steps;
    private final ExecutorService planning;
    // What solves submit to: the pools, refusing with a clear error once the engine is closed.
    private final Executor stepExecutor;
    private final Executor planningExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, SolveReport> reports = new ConcurrentHashMap<>();
    private final Project project = Project.current();
    // The name each container was first solved under on its own, registered when the solve is asked for: a step
    // shared by several pipelines (a base and the pipelines built on it) is labelled the same in every solve.
    private final Map<ContainerDefinition, String> names = new ConcurrentHashMap<>();
    // Steps this engine built, so a solve that waited for another solve's build reports it as built in this run.
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    /** Creates the solver of one engine. */
    public PipelineSolver(EngineSettings settings, DockerClient docker) {
        this.settings = settings;
        this.docker = docker;
        this.baseImages = new BaseImages(docker, settings.limits().pull());
        this.inFlight = InFlightSteps.forEngine(settings.dockerHost());
        this.outputs = new StepOutputs(settings.cacheDir());
        this.explainState = new ExplainState(settings.cacheDir(), project.id());
        this.solveRecords = new SolveRecords(settings.cacheDir(), settings.dockerHost());
        this.stepLocks = new StepLocks(settings.dockerHost());
        this.registry = RegistryCache.of(Optional.ofNullable(settings.registryCache()), docker, settings.labels(),
                settings.limits(), settings.explain());
        this.pulls = DaemonThreads.pool("lattice-registry-pull", 4);
        this.runner = new StepRunner(docker, settings.labels(),
                CaBundle.from(settings.caCertificates(), settings.extraCaCertificates()), outputs,
                settings.limits().exec(), settings.parallelism(), settings.dockerHost(), registry);
        this.steps = Executors.newFixedThreadPool(settings.parallelism(), DaemonThreads.named("lattice-step"));
        // Planning reads the image list and hashes host files: a few at once keep the engine and disk busy enough.
        this.planning = Executors.newFixedThreadPool(Math.max(2, settings.parallelism()),
                DaemonThreads.named("lattice-plan"));
        this.stepExecutor = unlessClosed(steps);
        this.planningExecutor = unlessClosed(planning);
    }

    /** Solves the definition; the future fails with {@link StepFailedException} when a step fails. */
    public CompletableFuture<Image> solve(String pipelineName, ContainerDefinition definition) {
        names.putIfAbsent(definition, pipelineName);
        return CompletableFuture.supplyAsync(() -> start(pipelineName, definition), planningExecutor)
                .thenCompose(run -> finalImage(run).handle((id, failure) -> finish(run, id, failure)));
    }

    /** Names a definition for the steps other solves share with it, without solving it. */
    public void declare(String pipelineName, ContainerDefinition definition) {
        names.putIfAbsent(definition, pipelineName);
    }

    /** Returns the stdout of the definition's last exec, from the record of its run or by running it again. */
    public CompletableFuture<String> stdout(String pipelineName, ContainerDefinition definition) {
        names.putIfAbsent(definition, pipelineName);
        return CompletableFuture.supplyAsync(() -> start(pipelineName, definition), planningExecutor).thenCompose(run -> {
            List<Layer> layers = run.plan.layers();
            int lastExec = -1;
            for (int i = 0; i < layers.size(); i++) {
                if (layers.get(i).kind() == Layer.Kind.EXEC) {
                    lastExec = i;
                }
            }
            if (lastExec < 0) {
                throw new IllegalArgumentException("Pipeline '" + pipelineName + "' has no exec step, so it has no stdout");
            }
            Layer exec = layers.get(lastExec);
            return layerImage(run, run.plan, lastExec).thenCompose(id -> {
                Optional<byte[]> recorded = outputs.read(exec.key());
                if (recorded.isPresent()) {
                    return CompletableFuture.completedFuture(recorded.get());
                }
                // The output was recorded elsewhere (another machine or a cleared state dir): run the exec again.
                return parentImage(run, run.plan, exec.index() - 1).thenApplyAsync(parent -> {
                    runner.run(run.plan.pipelineName(), exec, null, parent, List.of());
                    return outputs.read(exec.key()).orElse(new byte[0]);
                }, stepExecutor);
            }).thenApply(bytes -> new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    /** Returns the report of the last solve of this pipeline name by this engine; may be empty. */
    public Optional<SolveReport> lastReport(String pipelineName) {
        return Optional.ofNullable(reports.get(pipelineName));
    }

    /**
     * Stops the pools. Running steps finish and are cached (this waits for them, at most the exec time limit);
     * steps not started yet are not started, and their solves fail with a {@link LatticeException} saying the engine
     * was closed. Then waits for the registry cache's pushes and exports ({@link RegistryCache#finish()}).
     *
     * @throws LatticeException from {@link RegistryCache#finish()}
     */
    public void close() {
        closed.set(true);
        steps.shutdown();
        planning.shutdown();
        try {
            // The runner's containers and pools must outlive the steps that use them.
            if (!steps.awaitTermination(settings.limits().exec().toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
                LOG.debug("Steps still running when the engine closed; their containers go with the run's cleanup");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        pulls.shutdown();
        runner.close();
        solveRecords.closed(solverId);
        registry.finish();
    }

    /** An executor on {@code pool} that fails with a clear error once the engine is closed, not a bare rejection. */
    private Executor unlessClosed(ExecutorService pool) {
        return task -> {
            if (closed.get()) {
                throw closedError();
            }
            try {
                pool.execute(task);
            } catch (RejectedExecutionException shutDown) {
                throw closedError();
            }
        };
    }

    private static LatticeException closedError() {
        return new LatticeException("The engine was closed: it starts no more steps. Close it only after its solves"
                + " end (wait for the futures of solveAsync)");
    }

    private SolveRun start(String pipelineName, ContainerDefinition definition) {
        ImageIndex index = ImageIndex.of(docker);
        PipelinePlanner planner = new PipelinePlanner(baseImages, index, names::get);
        PipelinePlan plan = planner.plan(pipelineName, definition);
        // Before anything is used: a prune in another JVM then keeps what this solve is about to use.
        solveRecords.record(settings.labels(), project.id(), solverId, plan);
        long started = System.nanoTime();
        Set<String> remote = Set.of();
        if (registry.configured()) {
            // One round of lookups for every step the solve may need, before any step starts.
            remote = registry.lookup(RemoteCandidates.of(plan, index, key -> inFlight.get(key) != null));
            LOG.debug("Registry cache lookup for {}: {} of its missing steps found in {} ms", pipelineName,
                    remote.size(), (System.nanoTime() - started) / 1_000_000);
        }
        execBase(plan, index, remote).ifPresent(runner::prepareForExecs);
        SolveRun run = new SolveRun(plan, index, remote, started);
        run.previousSolve(plan, explainState);
        return run;
    }

    private CompletableFuture<String> finalImage(SolveRun run) {
        if (run.plan.layers().isEmpty()) {
            return CompletableFuture.completedFuture(run.plan.baseImageId());
        }
        return layerImage(run, run.plan, run.plan.layers().size() - 1);
    }

    private Image finish(SolveRun run, String imageId, Throwable failure) {
        SolveReport report = report(run, run.plan);
        reports.put(run.plan.pipelineName(), report);
        Map<PipelinePlan, SolveReport> solved = new LinkedHashMap<>(Map.of(run.plan, report));
        for (PipelinePlan source : run.sources.values()) {
            // A pipeline solved on its own keeps the report of its own solve, not of a solve that copied from it.
            SolveReport sourceReport = report(run, source);
            reports.putIfAbsent(source.pipelineName(), sourceReport);
            solved.put(source, sourceReport);
        }
        if (settings.explain()) {
            // A pipeline this one copies from is explained too when this solve made any of its steps: what changed
            // there is why the copy changed.
            solved.forEach((plan, solvedReport) -> {
                if (plan != run.plan && solvedReport.count(StepStatus.CACHED) + solvedReport.count(StepStatus.SKIPPED)
                        < solvedReport.steps().size()) {
                    System.err.print(solvedReport.format());
                }
            });
            System.err.print(report.format());
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            // allOf reports any one failed input; the step that actually failed is the useful answer.
            if (!(cause instanceof StepFailedException) && run.firstFailure.get() != null) {
                cause = run.firstFailure.get();
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        explainState.save(run.plan);
        run.sources.values().forEach(explainState::save);
        if (registry.configured()) {
            solved.forEach(this::offerLocalSteps);
        }
        String reference = reference(run.plan);
        if (!run.index.idOf(reference).map(imageId::equals).orElse(false)) {
            int colon = reference.lastIndexOf(':');
            docker.tagImageCmd(imageId, reference.substring(0, colon), reference.substring(colon + 1)).withForce().exec();
        }
        return new Image(imageId, reference);
    }

    /** Hands the registry cache the steps of a solved plan that came from this engine's own cache, newest first. */
    private void offerLocalSteps(PipelinePlan plan, SolveReport report) {
        List<String> local = new ArrayList<>();
        for (int i = plan.layers().size() - 1; i >= 0; i--) {
            Layer layer = plan.layers().get(i);
            if (!layer.isVolatile() && report.steps().get(i).status() == StepStatus.CACHED) {
                local.add(layer.key());
            }
        }
        registry.heldLocally(local);
    }

    private CompletableFuture<String> parentImage(SolveRun run, PipelinePlan plan, int position) {
        return position < 0 ? CompletableFuture.completedFuture(plan.baseImageId()) : layerImage(run, plan, position);
    }

    /** Returns the image of layer {@code position} (0-based): cached, in flight, or built now. */
    private CompletableFuture<String> layerImage(SolveRun run, PipelinePlan plan, int position) {
        Layer layer = plan.layers().get(position);
        if (plan != run.plan) {
            if (run.sources.putIfAbsent(plan.pipelineName(), plan) == null) {
                run.previousSolve(plan, explainState);
            }
        }
        CompletableFuture<String> known = inFlight.get(layer.key());
        if (known != null) {
            boolean stale = known.isDone() && !known.isCompletedExceptionally()
                    && run.index.cacheEntry(layer.key()).isEmpty() && !imageExists(known.getNow(null));
            if (!stale || layer.isVolatile()) {
                run.outcome(layer, StepStatus.CACHED, Duration.ZERO);
                if (known.isDone()) {
                    settings.listener().cached(event(plan, layer, Duration.ZERO));
                }
                return known;
            }
            // Someone removed the image since this JVM built it: build it again.
            inFlight.forget(layer.key(), known);
        }
        Optional<String> hit = layer.isVolatile() ? Optional.empty() : run.index.cacheEntry(layer.key());
        if (hit.isPresent()) {
            CompletableFuture<String> cached = CompletableFuture.completedFuture(hit.get());
            CompletableFuture<String> raced = inFlight.claim(layer.key(), cached);
            run.outcome(layer, StepStatus.CACHED, Duration.ZERO);
            settings.listener().cached(event(plan, layer, Duration.ZERO));
            return raced != null ? raced : cached;
        }
        CompletableFuture<String> promise = new CompletableFuture<>();
        CompletableFuture<String> raced = inFlight.claim(layer.key(), promise);
        if (raced != null) {
            run.outcome(layer, StepStatus.CACHED, Duration.ZERO);
            return raced;
        }
        CompletableFuture<String> image;
        if (!layer.isVolatile() && run.remote.contains(layer.key())) {
            // The deepest step the registry has: pulled instead of built, and nothing below it is needed.
            image = CompletableFuture.supplyAsync(() -> pulled(run, plan, layer), pulls)
                    .thenCompose(pulled -> pulled.map(CompletableFuture::completedFuture)
                            .orElseGet(() -> builtOnInputs(run, plan, position, layer)));
        } else {
            image = builtOnInputs(run, plan, position, layer);
        }
        image.whenComplete((imageId, failure) -> {
            if (failure == null) {
                promise.complete(imageId);
                return;
            }
            inFlight.forget(layer.key(), promise);
            run.outcomeIfAbsent(layer, StepStatus.SKIPPED, Duration.ZERO);
            promise.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
        });
        return promise;
    }

    /**
     * Pulls the layer's entry from the registry cache under the step's lock (another process of this host may be
     * pulling or building it); empty when the pull failed and the step is to be built.
     */
    private Optional<String> pulled(SolveRun run, PipelinePlan plan, Layer layer) {
        try (StepLocks.Held held = stepLocks.acquire(layer.key())) {
            Optional<String> there = madeMeanwhile(run, plan, layer);
            if (there.isPresent()) {
                return there;
            }
            long started = System.nanoTime();
            Optional<String> pulled = registry.pull(layer.key());
            if (pulled.isPresent()) {
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                run.outcome(layer, StepStatus.PULLED, took);
                settings.listener().pulled(event(plan, layer, took));
            }
            return pulled;
        }
    }

    /** Builds the layer once its parent and sources are ready (each cached, pulled or built first). */
    private CompletableFuture<String> builtOnInputs(SolveRun run, PipelinePlan plan, int position, Layer layer) {
        CompletableFuture<String> parent = parentImage(run, plan, position - 1);
        List<CompletableFuture<String>> sources = new ArrayList<>();
        for (PipelinePlan source : layer.dependencies()) {
            sources.add(parentImage(run, source, source.lastFilesystemLayer()));
        }
        List<CompletableFuture<String>> inputs = new ArrayList<>(sources);
        inputs.add(parent);
        return CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new))
                .thenApplyAsync(ready -> build(run, plan, layer, parent.getNow(null),
                        sources.stream().map(source -> source.getNow(null)).toList()), stepExecutor);
    }

    private boolean imageExists(String imageId) {
        try {
            docker.inspectImageCmd(imageId).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException removed) {
            return false;
        }
    }

    private String build(SolveRun run, PipelinePlan plan, Layer layer, String parentId, List<String> sourceIds) {
        if (closed.get()) {
            run.outcome(layer, StepStatus.SKIPPED, Duration.ZERO);
            PipelinePlan.StepOwner owner = plan.owner(layer);
            throw new LatticeException("Step [" + owner.pipelineName() + " " + layer.index() + "/" + owner.steps()
                    + "] was not started because the engine was closed during the solve; close the engine only after"
                    + " its solves end (wait for the futures of solveAsync)");
        }
        if (run.failed.get()) {
            run.outcome(layer, StepStatus.SKIPPED, Duration.ZERO);
            PipelinePlan.StepOwner owner = plan.owner(layer);
            throw new LatticeException("Step [" + owner.pipelineName() + " " + layer.index() + "/" + owner.steps()
                    + "] was not started because another step of the solve failed");
        }
        // Another process of this host may be building the same step: wait for it, then take its image.
        try (StepLocks.Held held = layer.isVolatile() ? null : stepLocks.acquire(layer.key())) {
            Optional<String> builtElsewhere = layer.isVolatile() ? Optional.empty() : madeMeanwhile(run, plan, layer);
            if (builtElsewhere.isPresent()) {
                return builtElsewhere.get();
            }
            return buildUnlocked(run, plan, layer, parentId, sourceIds);
        }
    }

    private String buildUnlocked(SolveRun run, PipelinePlan plan, Layer layer, String parentId, List<String> sourceIds) {
        ProgressListener listener = settings.listener();
        listener.started(event(plan, layer, Duration.ZERO));
        long started = System.nanoTime();
        try {
            String imageId = runner.run(plan.owner(layer).pipelineName(), layer, nextToBuild(run, plan, layer), parentId,
                    sourceIds);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            run.outcome(layer, StepStatus.BUILT, took);
            built.put(layer.key(), new Built(run, plan.pipelineName(), took, System.nanoTime()));
            listener.done(event(plan, layer, took));
            registry.built(layer, imageId, plan.baseImageId());
            return imageId;
        } catch (RuntimeException failure) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            run.failed.set(true);
            if (failure instanceof StepFailedException stepFailure) {
                run.firstFailure.compareAndSet(null, stepFailure);
            }
            run.outcome(layer, StepStatus.FAILED, took);
            listener.failed(event(plan, layer, took));
            throw failure;
        }
    }

    /**
     * The step's entry when another process built or pulled it since the solve planned (asked under the step's lock),
     * reported as cached; empty when it is still to be made.
     */
    private Optional<String> madeMeanwhile(SolveRun run, PipelinePlan plan, Layer layer) {
        Optional<String> there = taggedEntry(layer.key());
        if (there.isPresent()) {
            run.outcome(layer, StepStatus.CACHED, Duration.ZERO);
            settings.listener().cached(event(plan, layer, Duration.ZERO));
        }
        return there;
    }

    /** The image a cache key's tag names now, if any: another process may have built it since the solve planned. */
    private Optional<String> taggedEntry(String key) {
        try {
            return Optional.of(docker.inspectImageCmd(StepImages.CACHE_REPOSITORY + ":" + key).exec().getId());
        } catch (com.github.dockerjava.api.exception.NotFoundException notBuilt) {
            return Optional.empty();
        }
    }

    /** Returns the layer after {@code layer} when it is not cached, so it will be built on this one; else null. */
    private static Layer nextToBuild(SolveRun run, PipelinePlan plan, Layer layer) {
        if (layer.index() >= plan.layers().size()) {
            return null;
        }
        Layer next = plan.layers().get(layer.index());
        return willBuild(next, run.index) ? next : null;
    }

    /** Whether a solve that reaches {@code layer} builds it: it always runs, or the cache has no entry for it. */
    private static boolean willBuild(Layer layer, ImageIndex index) {
        return layer.isVolatile() || index.cacheEntry(layer.key()).isEmpty();
    }

    /** Whether a solve that reaches {@code layer} builds it, neither the local nor the registry cache having it. */
    private static boolean willBuild(Layer layer, ImageIndex index, Set<String> remote) {
        return willBuild(layer, index) && (layer.isVolatile() || !remote.contains(layer.key()));
    }

    /**
     * Returns the base image of a plan that will run an exec in this solve, looking at the layers that
     * are not cached from the end of each plan backwards; empty when no exec will run.
     */
    private static Optional<String> execBase(PipelinePlan plan, ImageIndex index, Set<String> remote) {
        for (int i = plan.layers().size() - 1; i >= 0; i--) {
            Layer layer = plan.layers().get(i);
            if (!willBuild(layer, index, remote)) {
                return Optional.empty();
            }
            if (layer.kind() == Layer.Kind.EXEC && layer.exec().services().isEmpty()) {
                return Optional.of(plan.baseImageId());
            }
            for (PipelinePlan source : layer.dependencies()) {
                Optional<String> found = execBase(source, index, remote);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private SolveReport report(SolveRun run, PipelinePlan plan) {
        Optional<Properties> previous = run.previousSolve(plan, explainState);
        List<SolveReport.StepReport> stepReports = new ArrayList<>();
        for (Layer layer : plan.layers()) {
            Outcome outcome = run.outcomes.get(layer.key());
            Built byAnother = built.get(layer.key());
            StepStatus status;
            Duration took = Duration.ZERO;
            List<String> notes = new ArrayList<>();
            if (outcome != null && (outcome.status == StepStatus.BUILT || outcome.status == StepStatus.FAILED
                    || outcome.status == StepStatus.PULLED)) {
                status = outcome.status;
                took = outcome.duration;
            } else if (byAnother != null && byAnother.run() != run && byAnother.finishedAt() > run.startedAt) {
                // Another solve of this engine built it while this one waited for it (or did not need it yet).
                status = StepStatus.BUILT;
                took = byAnother.duration();
                notes.add("built once for this run, by the solve of pipeline " + byAnother.pipelineName());
            } else if (outcome != null) {
                status = outcome.status;
            } else {
                // Not visited: a later layer was cached, so this one was not needed.
                status = run.index.cacheEntry(layer.key()).isPresent() || byAnother != null
                        ? StepStatus.CACHED : StepStatus.SKIPPED;
            }
            // What changed since the pipeline's last solve explains a step this solve built; one that another solve
            // built meanwhile is explained by that solve (which may be that last solve itself).
            List<String> changes = new ArrayList<>(notes.isEmpty()
                    && (status == StepStatus.BUILT || status == StepStatus.FAILED)
                    ? ExplainState.changes(layer, previous) : List.of());
            changes.addAll(notes);
            stepReports.add(new SolveReport.StepReport(layer.index(), layer.description(), status, took, layer.key(), changes));
        }
        return new SolveReport(plan.pipelineName(), stepReports, Duration.ofNanos(System.nanoTime() - run.startedAt));
    }

    // lattice/<project>/<pipeline>:<key>: two projects' pipelines of the same name do not share a repository.
    private String reference(PipelinePlan plan) {
        return "lattice/" + project.name() + "/" + Project.referenceComponent(plan.pipelineName()) + ":"
                + plan.finalKey().substring(0, 12);
    }

    private static StepEvent event(PipelinePlan plan, Layer layer, Duration duration) {
        PipelinePlan.StepOwner owner = plan.owner(layer);
        return new StepEvent(owner.pipelineName(), layer.index(), owner.steps(), layer.description(), duration);
    }


    /** A step this engine built: by which solve, for which pipeline, how long it took and when it ended. */
    private record Built(SolveRun run, String pipelineName, Duration duration, long finishedAt) {
    }

    /** The state of one top-level solve. */
    private static final class SolveRun {
        final PipelinePlan plan;
        final ImageIndex index;
        final Set<String> remote; // keys the registry cache has, of the steps missing locally
        final long startedAt;
        final AtomicBoolean failed = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicReference<StepFailedException> firstFailure =
                new java.util.concurrent.atomic.AtomicReference<>();
        final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        final Map<String, PipelinePlan> sources = new ConcurrentHashMap<>();
        final Map<String, Optional<Properties>> previous = new ConcurrentHashMap<>();

        SolveRun(PipelinePlan plan, ImageIndex index, Set<String> remote, long startedAt) {
            this.plan = plan;
            this.index = index;
            this.remote = remote;
            this.startedAt = startedAt;
        }

        /**
         * The recorded inputs of the pipeline's last solve before this one, read once, when the solve first reaches
         * the pipeline: another solve of it that ends meanwhile is not this one's "last solve".
         */
        Optional<Properties> previousSolve(PipelinePlan plan, ExplainState explainState) {
            return previous.computeIfAbsent(plan.pipelineName(), name -> explainState.load(name));
        }

        void outcome(Layer layer, StepStatus status, Duration duration) {
            outcomes.put(layer.key(), new Outcome(status, duration));
        }

        void outcomeIfAbsent(Layer layer, StepStatus status, Duration duration) {
            outcomes.putIfAbsent(layer.key(), new Outcome(status, duration));
        }
    }

    private record Outcome(StepStatus status, Duration duration) {
    }
}
