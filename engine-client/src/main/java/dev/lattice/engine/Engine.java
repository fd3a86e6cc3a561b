package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.internal.CachePruner;
import dev.lattice.engine.internal.DockerConnection;
import dev.lattice.engine.internal.EngineHealth;
import dev.lattice.engine.internal.EngineSettings;
import dev.lattice.engine.internal.ImageFiles;
import dev.lattice.engine.internal.PipelineSolver;
import dev.lattice.engine.internal.RegistryCacheSettings;
import dev.lattice.engine.internal.RunCleanup;
import dev.lattice.engine.internal.RunWatchdog;
import dev.lattice.engine.internal.RuntimeVersions;
import dev.lattice.engine.internal.SettingLookup;
import dev.lattice.engine.internal.TimeLimits;
import dev.lattice.engine.spi.DaemonThreads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Solves containers into images on a Docker engine, step by step, with a content-addressed cache in
 * the engine's image store, optionally shared with other machines through a registry
 * ({@link Builder#configurationParameters}: a step missing locally is pulled when the registry has it, a step built
 * is pushed). Independent branches run concurrently; a step requested twice (same key)
 * runs once per JVM, even across {@code Engine} instances on the same Docker host.
 *
 * <p>When a step fails, steps of the same solve that are already running finish and are cached;
 * steps that have not started yet are not started, and the solve fails with
 * {@link StepFailedException}.
 *
 * <p>When the Docker engine stops answering during the run, calls fail with {@link EngineUnavailableException}
 * naming its endpoint, rather than with a bare network error.
 *
 * <p>Thread-safe. Close it to remove what this run created, except cache images and cache volumes.
 */
public final class Engine implements AutoCloseable {

    private final EngineSettings settings;
    private final DockerClient docker;
    private final EngineHealth health;
    private final PipelineSolver solver;
    private final ImageFiles files;
    private final RunWatchdog watchdog;

    private Engine(EngineSettings settings, DockerClient docker, DockerEndpoint endpoint, RunWatchdog watchdog) {
        this.settings = settings;
        this.docker = docker;
        this.health = new EngineHealth(docker, endpoint);
        this.solver = new PipelineSolver(settings, docker);
        this.files = new ImageFiles(docker, settings.labels(), settings.limits().push());
        this.watchdog = watchdog;
        if (watchdog != null) {
            watchdog.watch(settings.labels().runId());
        }
    }

    /**
     * Returns an engine with default options on the Docker engine that Testcontainers finds (DOCKER_HOST,
     * ~/.testcontainers.properties and Testcontainers' other strategies), without starting Testcontainers' Ryuk
     * container. When DOCKER_HOST is set, that engine is used or the call fails: never silently another one.
     *
     * @throws EngineUnavailableException when no engine answers, naming the endpoints tried, the cause and the fix
     */
    public static Engine connect() {
        return builder().build();
    }

    /** Returns a builder for an engine with non-default options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Solves the container into an image, building only the steps missing from the cache.
     *
     * @param pipelineName names the pipeline in progress, reports and explain state
     * @return the image, tagged with a stable local reference
     * @throws StepFailedException when a step fails
     */
    public Image solve(String pipelineName, Container container) {
        return guarded(() -> join(solveAsync(pipelineName, container)));
    }

    /** Like {@link #solve(String, Container)}, without blocking; the future fails with {@link StepFailedException}. */
    public CompletableFuture<Image> solveAsync(String pipelineName, Container container) {
        Objects.requireNonNull(pipelineName, "pipelineName");
        CompletableFuture<Image> solved;
        try {
            solved = solver.solve(pipelineName, container.definition());
        } catch (RuntimeException failed) {
            throw health.explain(failed);
        }
        return solved.handle((image, failure) -> {
            if (failure == null) {
                return image;
            }
            throw new CompletionException(health.explain(unwrap(failure)));
        });
    }

    /**
     * Names a pipeline without solving it: steps that other solves share with it (it is their source or parent) are
     * shown and reported under this name, as if it had been solved first. Nothing is built or pulled for it.
     *
     * @param pipelineName names the pipeline in progress and reports
     * @param container its definition
     */
    public void declare(String pipelineName, Container container) {
        Objects.requireNonNull(pipelineName, "pipelineName");
        solver.declare(pipelineName, container.definition());
    }

    /**
     * Returns what the container's last exec printed on stdout. A cached result reuses the output
     * recorded when the step ran; if that record is gone, the last exec runs again.
     *
     * @throws IllegalArgumentException when the container has no exec step
     */
    public String stdout(String pipelineName, Container container) {
        return guarded(() -> join(solver.stdout(pipelineName, container.definition())));
    }

    /**
     * Returns the bytes of a file of the solved container.
     *
     * @throws LatticeException when the path does not exist or is not a regular file
     */
    public byte[] readFile(String pipelineName, Container container, String path) {
        Image image = solve(pipelineName, container);
        return guarded(() -> files.readFile(image.id(), path));
    }

    /**
     * Returns the regular files under a directory of the solved container, by path relative to it
     * ({@code /}-separated), read in one go: reports and other outputs of a step come back with one request.
     *
     * @throws LatticeException when the path does not exist or is not a directory
     */
    public SortedMap<String, byte[]> readDirectory(String pipelineName, Container container, String path) {
        Image image = solve(pipelineName, container);
        return guarded(() -> files.readDirectory(image.id(), path));
    }

    /** Solves the container and writes its image as a tar archive (as {@code docker save} does) to {@code tarFile}. */
    public void export(String pipelineName, Container container, Path tarFile) {
        Image image = solve(pipelineName, container);
        guarded(() -> {
            files.export(image.reference(), tarFile);
            return null;
        });
    }

    /** Solves the container, tags its image as {@code reference} and pushes it to that reference's registry. */
    public void publish(String pipelineName, Container container, String reference) {
        Image image = solve(pipelineName, container);
        guarded(() -> {
            files.publish(image.id(), reference);
            return null;
        });
    }

    /**
     * Returns what the last solve of this pipeline name did in this engine, per step, and for a miss
     * which input changed since the solve before it. Containers that a pipeline copies files from are
     * reported under {@code <pipelineName>-source<N>}, numbered in declaration order.
     *
     * @throws IllegalStateException when the pipeline was not solved by this engine yet
     */
    public SolveReport lastReport(String pipelineName) {
        return solver.lastReport(pipelineName)
                .orElseThrow(() -> new IllegalStateException("Pipeline '" + pipelineName
                        + "' has not been solved by this engine yet; call solve first"));
    }

    /** Removes cache images and cache volumes that the policy selects; returns what was removed. */
    public PruneResult prune(PrunePolicy policy) {
        return guarded(() -> pruner().prune(policy));
    }

    /** Returns the Docker client this engine works through; services of the run use it too. */
    public DockerClient dockerClient() {
        return docker;
    }

    /** Returns where this engine's Docker engine answers, and the host its published ports are reached at. */
    public DockerEndpoint dockerEndpoint() {
        return health.endpoint();
    }

    /**
     * Returns {@code failure}, or an {@link EngineUnavailableException} naming this engine's endpoint when the failure
     * came from the Docker engine no longer answering: for code that calls the engine through {@link #dockerClient()}.
     */
    public RuntimeException explainFailure(RuntimeException failure) {
        return health.explain(failure);
    }

    /**
     * Prunes the cache like {@link #prune(PrunePolicy)}, in a background daemon thread, never removing what this
     * engine's run recorded using (its solves, and those of every engine of the run).
     *
     * @param policy what to remove
     * @return what was removed, once done
     */
    public CompletableFuture<PruneResult> pruneInBackground(PrunePolicy policy) {
        return CompletableFuture.supplyAsync(() -> pruner()
                .prune(policy, settings.labels().runId(), false), task -> DaemonThreads.start("lattice-prune", task));
    }

    private CachePruner pruner() {
        return new CachePruner(docker, settings.dockerHost(), settings.cacheDir(), Map.of());
    }

    /** Returns the labels this engine puts on what it creates. */
    public RunLabels runLabels() {
        return settings.labels();
    }

    /**
     * Removes this run's containers, networks, transient volumes and volatile images; keeps the cache. With a registry
     * cache, first waits for the pushes still under way and exports the cache volumes the run filled, within the push
     * time limit.
     *
     * @throws LatticeException when pushes did not end within the push time limit, when the registry cache refused
     *                          this machine's credentials, or when it is required and a push failed
     */
    @Override
    public void close() {
        // Every part runs even when one before it failed; the first failure is thrown, later ones suppressed in it.
        RuntimeException first = attempt(null, solver::close);
        first = attempt(first, () -> guarded(() -> {
            new RunCleanup(docker, settings.labels()).removeTransient();
            return null;
        }));
        if (watchdog != null) {
            first = attempt(first, () -> watchdog.release(settings.labels().runId()));
        }
        if (first != null) {
            throw first;
        }
    }

    private static RuntimeException attempt(RuntimeException first, Runnable part) {
        try {
            part.run();
            return first;
        } catch (RuntimeException failed) {
            if (first == null) {
                return failed;
            }
            first.addSuppressed(failed);
            return first;
        }
    }

    /** Runs a call on the engine, naming the engine when it stopped answering. */
    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException failed) {
            throw health.explain(failed);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LatticeException("Interrupted while waiting for the engine", interrupted);
        } catch (ExecutionException failed) {
            throw unwrap(failed.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        while (cause instanceof CompletionException || cause instanceof ExecutionException) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new LatticeException(String.valueOf(cause.getMessage()), cause);
    }

    /** Options of an {@link Engine}; every option has a default. */
    public static final class Builder {

        private int parallelism = Math.max(2, Runtime.getRuntime().availableProcessors());
        private ProgressListener listener;
        private final List<Path> extraCaCertificates = new ArrayList<>();
        private boolean caCertificates = true;
        private DockerClient dockerClient;
        private String dockerClientEndpoint;
        private String dockerHost;
        private String runId;
        private Path cacheDir;
        private Boolean explain;
        private Duration execTimeout;
        private Duration pullTimeout;
        private Duration pushTimeout;
        private Function<String, Optional<String>> parameters = name -> Optional.empty();

        private Builder() {
        }

        /** Runs at most {@code steps} steps at once (default: number of processors, at least 2). */
        public Builder parallelism(int steps) {
            if (steps < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + steps);
            }
            this.parallelism = steps;
            return this;
        }

        /** Runs one step at a time, in a predictable order: for debugging. */
        public Builder serial() {
            return parallelism(1);
        }

        /** Sends progress to this listener (default: {@link ConsoleProgress} when {@code lattice.progress=true}, else none). */
        public Builder listener(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Makes exec steps trust these CA certificates (PEM files) in addition to the default extras in
         * {@code /usr/local/share/ca-certificates/*.crt}.
         */
        public Builder extraCaCertificates(Path... certificates) {
            extraCaCertificates.addAll(List.of(certificates));
            this.caCertificates = true;
            return this;
        }

        /** Turns off extra CA certificates in exec steps. */
        public Builder noExtraCaCertificates() {
            extraCaCertificates.clear();
            this.caCertificates = false;
            return this;
        }

        /**
         * Uses this Docker client instead of finding the engine the way Testcontainers does. Its address is unknown,
         * so published ports are reached at {@code localhost} (or {@code TESTCONTAINERS_HOST_OVERRIDE}); give the
         * address with {@link #dockerClient(DockerClient, String)} when the engine is elsewhere.
         */
        public Builder dockerClient(DockerClient client) {
            this.dockerClient = Objects.requireNonNull(client, "client");
            this.dockerClientEndpoint = null;
            this.dockerHost = null;
            return this;
        }

        /**
         * Uses this Docker client, which talks to the engine at {@code endpoint} (e.g. {@code tcp://10.0.0.5:2375}):
         * errors name that address, and published ports are reached at its host.
         *
         * @throws IllegalArgumentException when {@code endpoint} is not an engine address
         */
        public Builder dockerClient(DockerClient client, String endpoint) {
            DockerEndpoint.of(endpoint);
            this.dockerClient = Objects.requireNonNull(client, "client");
            this.dockerClientEndpoint = endpoint;
            this.dockerHost = null;
            return this;
        }

        /**
         * Connects to the engine at this address ({@code unix:///PATH.sock} or {@code tcp://HOST:PORT}) instead of
         * the one Testcontainers finds.
         *
         * @throws IllegalArgumentException when {@code endpoint} is not an engine address
         */
        public Builder dockerHost(String endpoint) {
            DockerEndpoint.of(endpoint);
            this.dockerHost = endpoint;
            this.dockerClient = null;
            this.dockerClientEndpoint = null;
            return this;
        }

        /** Labels what this engine creates with this run id (default: {@link RunLabels#current()}). */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Keeps explain state and step outputs under this directory (default: {@code lattice.cache.dir} or {@code ~/.cache/lattice}). */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** Prints a {@link SolveReport} after each solve (default: system property {@code lattice.explain}). */
        public Builder explain(boolean explain) {
            this.explain = explain;
            return this;
        }

        /**
         * Stops an exec step that runs longer than {@code limit}, removes its container and fails the solve with an
         * error naming the step and the limit (default: system property {@code lattice.exec.timeout}, in seconds
         * or as an ISO-8601 duration, else 30 minutes).
         *
         * @throws IllegalArgumentException when the limit is not positive
         */
        public Builder execTimeout(Duration limit) {
            this.execTimeout = positive(limit, "execTimeout");
            return this;
        }

        /**
         * Gives up pulling a base image after {@code limit}, with an error naming the image and the limit (default:
         * system property {@code lattice.pull.timeout}, in seconds or as an ISO-8601 duration, else 10 minutes).
         *
         * @throws IllegalArgumentException when the limit is not positive
         */
        public Builder pullTimeout(Duration limit) {
            this.pullTimeout = positive(limit, "pullTimeout");
            return this;
        }

        /**
         * Gives up pushing an image after {@code limit}, with an error naming the reference and the limit (default:
         * system property {@code lattice.push.timeout}, in seconds or as an ISO-8601 duration, else 10 minutes).
         *
         * @throws IllegalArgumentException when the limit is not positive
         */
        public Builder pushTimeout(Duration limit) {
            this.pushTimeout = positive(limit, "pushTimeout");
            return this;
        }

        /**
         * Reads the run's settings from these parameters first (a test run's JUnit configuration parameters), then
         * from system properties, then from environment variables: {@code lattice.explain}, {@code lattice.progress},
         * the time limits ({@code lattice.exec.timeout}, {@code .pull.timeout}, {@code .push.timeout}) where the
         * builder was given none, and those of the build cache shared through a registry:
         * {@code lattice.cache.registry=HOST[:PORT]/PREFIX} ({@code LATTICE_CACHE_REGISTRY}; unset: no shared cache),
         * {@code lattice.cache.registry.mode=readwrite|read} (default {@code readwrite}: steps missing locally are
         * pulled from the registry when it has them, and steps built are pushed to it; {@code read} only pulls),
         * {@code lattice.cache.registry.required=true|false} (default {@code false}: a registry that is down or a push
         * that fails gives one warning and the run goes on) and {@code lattice.cache.registry.volume-max-mb} (cache
         * volumes larger than this are not exported; default 1024). Credentials are the Docker CLI's
         * ({@code docker login}). Without this call, system properties and environment variables are read.
         *
         * @param parameters answers a setting's name with its value, or empty
         */
        public Builder configurationParameters(Function<String, Optional<String>> parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        private static Duration positive(Duration limit, String option) {
            Objects.requireNonNull(limit, option);
            if (limit.isZero() || limit.isNegative()) {
                throw new IllegalArgumentException(option + " must be positive, got " + limit);
            }
            return limit;
        }

        /**
         * Connects and returns the engine.
         *
         * @throws EngineUnavailableException when no engine answers, naming the endpoint, the cause and the fix
         * @throws LatticeException when Testcontainers or its libraries are older than Lattice supports
         * @throws IllegalArgumentException when a setting read from the parameters is wrong (the registry cache's, a
         *     time limit, {@code lattice.explain} or {@code lattice.progress}), naming it and the expected form
         */
        public Engine build() {
            TimeLimits limits = TimeLimits.of(execTimeout, pullTimeout, pushTimeout, parameters);
            RegistryCacheSettings registryCache = RegistryCacheSettings.from(parameters).orElse(null);
            RuntimeVersions.check();
            RunLabels labels = runId == null ? RunLabels.current() : RunLabels.withRunId(runId);
            DockerConnection.Connection connection;
            if (dockerClient != null) {
                DockerEndpoint endpoint = dockerClientEndpoint != null ? DockerEndpoint.of(dockerClientEndpoint)
                        : DockerEndpoint.described("the Docker client given to Engine.builder().dockerClient(...)",
                        DockerEndpoint.localHost());
                connection = new DockerConnection.Connection(dockerClient, endpoint,
                        DockerConnection.hostKey(dockerClient));
            } else {
                connection = dockerHost != null ? DockerConnection.connect(dockerHost)
                        : DockerConnection.testcontainersConnection();
            }
            DockerClient client = connection.client();
            ProgressListener progress = listener != null ? listener
                    : SettingLookup.flag(parameters, "lattice.progress") ? new ConsoleProgress() : ProgressListener.none();
            Path dir = cacheDir != null ? cacheDir : EngineSettings.defaultCacheDir();
            boolean printExplain = explain != null ? explain : SettingLookup.flag(parameters, "lattice.explain");
            EngineSettings settings = new EngineSettings(parallelism, progress, caCertificates,
                    List.copyOf(extraCaCertificates), labels, dir, printExplain,
                    connection.engineId(), limits, registryCache);
            // The watchdog reaches the engine at its address; for a client given without one, the next run's sweep
            // is what removes a killed run's leftovers.
            boolean addressable = dockerClient == null || dockerClientEndpoint != null;
            return new Engine(settings, client, connection.endpoint(),
                    addressable ? RunWatchdog.forEndpoint(connection.endpoint().uri()) : null);
        }
    }
}
