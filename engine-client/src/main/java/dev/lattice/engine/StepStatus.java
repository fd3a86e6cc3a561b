package dev.lattice.engine;

/** What happened to a step during a solve. */
public enum StepStatus {
    /** Found in the cache; nothing ran. */
    CACHED,
    /** Ran and was cached. */
    BUILT,
    /** Ran and failed; nothing was cached. */
    FAILED,
    /** Not needed (a later step was cached) or not started (another step failed). */
    SKIPPED
}
