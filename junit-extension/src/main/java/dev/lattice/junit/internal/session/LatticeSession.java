package dev.lattice.junit.internal.session;

import dev.lattice.engine.ConsoleProgress;
import dev.lattice.engine.Engine;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.spi.AutomaticPrune;
import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.engine.spi.EngineConnections;
import dev.lattice.engine.spi.LeftoverSweeper;
import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.junit.internal.pipeline.PipelineGraph;
import dev.lattice.junit.internal.report.RunRecorder;
import dev.lattice.junit.internal.report.SessionRecorder;
import dev.lattice.junit.internal.service.SessionServices;
import dev.lattice.junit.internal.settings.RunSettingsCheck;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Everything one test run shares: the engine connection, the pipelines and the services. It lives in the widest
 * store JUnit offers (the launcher session's, or the root context's before JUnit 5.13), so every test class of the
 * run sees the same one and JUnit closes it when the run ends, which removes every container and network the run
 * created, then prunes the cache in the background ({@link AutomaticPrune}).
 */
public final class LatticeSession implements AutoCloseable {

    private static final Namespace NAMESPACE = Namespace.create(LatticeSession.class);

    private final Object engineLock = new Object();
    private volatile Engine engine;
    private volatile CompletableFuture<Void> sweep = CompletableFuture.completedFuture(null);
    private final PipelineGraph pipelines = new PipelineGraph(this::engine);
    private final PrunePolicy prune; // null when turned off
    private final Function<String, Optional<String>> parameters;
    private final SessionRecorder recorder = new SessionRecorder();
    private final SessionServices services;

    private LatticeSession(PrunePolicy prune, Function<String, Optional<String>> parameters) {
        this.prune = prune;
        this.parameters = parameters;
        this.services = new SessionServices(this::engine, pipelines, recorder);
    }

    /**
     * The session of the run that the context belongs to, opened on first use.
     *
     * @param context any extension context of the run
     * @return the run's session
     */
    public static LatticeSession of(ExtensionContext context) {
        LatticeSession session = JupiterStores.computeClosingIfAbsent(JupiterStores.runWide(context, NAMESPACE),
                LatticeSession.class, () -> {
                    // Every problem of the run's settings at once, so the reads below find none.
                    RunSettingsCheck.throwIfAny(context);
                    Function<String, Optional<String>> parameters = context::getConfigurationParameter;
                    return new LatticeSession(AutomaticPrune.policy(parameters).orElse(null), parameters);
                }, LatticeSession.class);
        // The session outlives a test plan when the launcher session executes several (a rerun of failed tests).
        session.recorder.follow(context);
        return session;
    }

    /**
     * The run's engine, connected on first use (which also starts sweeping what killed runs left behind).
     *
     * @return the engine
     */
    public Engine engine() {
        Engine connected = engine;
        if (connected == null) {
            synchronized (engineLock) {
                connected = engine;
                if (connected == null) {
                    // The registry cache's settings may come from junit-platform.properties, like the run's others.
                    connected = Engine.builder().listener(recorder.progress(new ConsoleProgress()))
                            .configurationParameters(parameters).build();
                    recorder.engine(connected);
                    // What killed runs left behind goes while this run starts: the sweep only touches what carries
                    // the labels of a process that is gone, so it cannot race with what this run creates.
                    LeftoverSweeper sweeper = new LeftoverSweeper(EngineConnections.testcontainersClient(),
                            connected.runLabels());
                    sweep = CompletableFuture.runAsync(sweeper::sweep, task -> DaemonThreads.start("lattice-sweep", task));
                    engine = connected;
                }
            }
        }
        return connected;
    }

    /**
     * The recorder of the plan executing now, which {@link #of} has just made follow its context's plan.
     *
     * @return it; the disabled recorder when that plan has no report
     */
    public RunRecorder recorder() {
        return recorder.current();
    }

    /** The run's pipelines. */
    public PipelineGraph pipelines() {
        return pipelines;
    }

    /** The run's services. */
    public SessionServices services() {
        return services;
    }

    @Override
    public void close() {
        try {
            // A sweep still under way ends before the run does; its failure does not hide the run's cleanup.
            sweep.exceptionally(failed -> null).join();
            services.close();
        } finally {
            Engine connected = engine;
            if (connected != null) {
                connected.close();
                if (prune != null) {
                    AutomaticPrune.start(connected, prune);
                }
            }
        }
    }
}
