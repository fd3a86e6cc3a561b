package dev.lattice.engine.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps of one Docker engine that this JVM has started or finished, by cache key: shared by
 * every engine instance on that engine, so a step requested twice runs once.
 */
final class InFlightSteps {

    private static final Map<String, InFlightSteps> BY_ENGINE = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, CompletableFuture<String>> byKey = new ConcurrentHashMap<>();

    static InFlightSteps forEngine(String dockerHost) {
        return BY_ENGINE.computeIfAbsent(dockerHost, host -> new InFlightSteps());
    }

    CompletableFuture<String> get(String key) {
        return byKey.get(key);
    }

    /** Registers {@code promise} unless another future holds the key; returns that other future, or null. */
    CompletableFuture<String> claim(String key, CompletableFuture<String> promise) {
        return byKey.putIfAbsent(key, promise);
    }

    /** Forgets a failed or stale future so a later request builds again. */
    void forget(String key, CompletableFuture<String> future) {
        byKey.remove(key, future);
    }
}
