package dev.lattice.engine.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Starts something at most once per key: the first caller runs it in its own thread, concurrent callers of the same
 * key wait for that result. A failure is given to every caller of that attempt and forgotten, so a later caller
 * tries again. Thread-safe.
 *
 * @param <V> what is started
 */
public final class OncePerKey<V> {

    private final ConcurrentMap<String, CompletableFuture<V>> started = new ConcurrentHashMap<>();

    /**
     * The value of a key, started now if no caller started it yet.
     *
     * @param key what identifies the thing
     * @param start starts it; runs in the calling thread, at most once per key while it succeeds
     * @return the value
     */
    public V get(String key, Supplier<? extends V> start) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = started.putIfAbsent(key, mine);
        if (existing == null) {
            try {
                mine.complete(start.get());
            } catch (RuntimeException failed) {
                started.remove(key, mine);
                mine.completeExceptionally(failed);
            }
            existing = mine;
        }
        try {
            return existing.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }

    /**
     * Forgets the value of a key if it is {@code value}, so that the next caller starts a new one.
     *
     * @param key what identifies the thing
     * @param value the value to forget; another value of the key is kept
     */
    public void forget(String key, V value) {
        started.computeIfPresent(key, (k, future) -> future.isDone() && !future.isCompletedExceptionally()
                && future.join() == value ? null : future);
    }
}
