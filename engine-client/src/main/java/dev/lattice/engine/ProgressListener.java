package dev.lattice.engine;

/** Receives step progress while pipelines are solved; called from engine threads, so implementations must be thread-safe. */
public interface ProgressListener {

    /** A step starts running. */
    void started(StepEvent event);

    /** A step was found in the cache; nothing ran. */
    void cached(StepEvent event);

    /**
     * A step missing locally was pulled from the registry cache; nothing ran. The event carries the pull's duration.
     * By default this is reported as {@link #cached(StepEvent)}.
     */
    default void pulled(StepEvent event) {
        cached(event);
    }

    /** A step ran and its result was cached; the event carries its duration. */
    void done(StepEvent event);

    /** A step failed; the event carries its duration. */
    void failed(StepEvent event);

    /** Returns a listener that ignores every event. */
    static ProgressListener none() {
        return new ProgressListener() {
            @Override
            public void started(StepEvent event) {
            }

            @Override
            public void cached(StepEvent event) {
            }

            @Override
            public void done(StepEvent event) {
            }

            @Override
            public void failed(StepEvent event) {
            }
        };
    }
}
