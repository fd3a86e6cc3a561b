package dev.lattice.junit.internal.report;

import dev.lattice.engine.Engine;
import dev.lattice.engine.ProgressListener;
import dev.lattice.engine.StepEvent;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The recorder of the test plan that a run's session serves now. A launcher session can execute several plans one
 * after another (Surefire's rerun of failing tests does), while the session's engine, pipelines and services live
 * across them: what they do is recorded into the report of the plan executing when it happens, never into the
 * finished report of an earlier plan.
 */
public final class SessionRecorder {

    private volatile RunRecorder current = RunRecorder.disabled();
    private volatile Engine engine;

    /**
     * Makes the recorder of the context's plan the current one, handing it the session's engine.
     *
     * @param context any extension context of the session
     */
    public void follow(ExtensionContext context) {
        RunRecorder found = RunRecorders.of(context);
        if (found != current) {
            current = found;
            Engine connected = engine;
            if (connected != null) {
                found.engine(connected);
            }
        }
    }

    /**
     * The recorder of the plan executing now.
     *
     * @return it; the disabled recorder when that plan has no report
     */
    public RunRecorder current() {
        return current;
    }

    /**
     * Records the session's engine, whose solve reports the report of every later plan shows too.
     *
     * @param connected the engine
     */
    public void engine(Engine connected) {
        engine = connected;
        current.engine(connected);
    }

    /**
     * Wraps the engine's progress listener so that every step's start and end are recorded into the current plan.
     *
     * @param printer the listener that prints progress
     * @return a listener that prints and records
     */
    public ProgressListener progress(ProgressListener printer) {
        return new ProgressListener() {
            @Override
            public void started(StepEvent event) {
                printer.started(event);
                current.step(event, "RUNNING");
            }

            @Override
            public void cached(StepEvent event) {
                printer.cached(event);
                current.step(event, "CACHED");
            }

            @Override
            public void pulled(StepEvent event) {
                printer.pulled(event);
                current.step(event, "PULLED");
            }

            @Override
            public void done(StepEvent event) {
                printer.done(event);
                current.step(event, "BUILT");
            }

            @Override
            public void failed(StepEvent event) {
                printer.failed(event);
                current.step(event, "FAILED");
            }
        };
    }
}
