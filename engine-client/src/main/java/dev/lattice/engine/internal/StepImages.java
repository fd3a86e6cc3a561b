package dev.lattice.engine.internal;

/** Names and labels of the cache images in the engine's image store. */
public final class StepImages {

    /** Repository of cache entries; the tag is the step's full cache key. */
    public static final String CACHE_REPOSITORY = "lattice-cache/step";
    /** Label with the step's cache key. */
    public static final String KEY_LABEL = "dev.lattice.key";
    /** Label with the creation time (epoch milliseconds) of a cache volume, for pruning. */
    public static final String CREATED_LABEL = "dev.lattice.created";
    /** Label marking the result of a volatile step, removed when its run ends. */
    public static final String VOLATILE_LABEL = "dev.lattice.volatile";

    private StepImages() {
    }
}
