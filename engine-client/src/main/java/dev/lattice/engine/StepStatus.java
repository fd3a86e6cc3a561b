package dev.lattice.engine;

/** What happened to a step during a solve. */
public enum StepStatus {
    /** Found in the engine's own cache; nothing ran. Explain prints it as {@code LOCAL}. */
    CACHED,
    /** Missing locally, found in the registry cache ({@code lattice.cache.registry}) and pulled; nothing ran. */
    PULLED,
    /** Ran and was cached. */
    BUILT,
    /** Ran and failed; nothing was cached. */
    FAILED,
    /** Not needed (a later step was cached or pulled) or not started (another step failed). */
    SKIPPED
}
