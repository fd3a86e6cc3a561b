package dev.lattice.engine;

/** How an exec step is cached. */
public enum CachePolicy {
    /** Reused whenever the step's key (parent, definition, input contents) is unchanged. */
    CONTENT_ADDRESSED,
    /** Always runs and is never reused; the steps after it rebuild too. */
    VOLATILE
}
