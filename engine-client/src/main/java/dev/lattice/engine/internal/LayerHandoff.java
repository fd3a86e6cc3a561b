package dev.lattice.engine.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The uses of a layer under construction that need not wait for its commit. The runner reports
 * them; the solver starts the steps that wait on them. Both futures complete at the latest when
 * the layer's build ends, and fail when it fails without having reported them.
 *
 * <ul>
 *   <li>{@link #readable()}: a running container holds the layer's files, so a copy from the layer
 *       can read them while the commit runs.</li>
 *   <li>{@link #execMayFollow()}: a parked container holds the layer's files and waits for the next
 *       exec (a copy's files were also put into the next exec's container).</li>
 * </ul>
 */
final class LayerHandoff {

    private final CompletableFuture<Void> readable = new CompletableFuture<>();
    private final CompletableFuture<Void> execMayFollow = new CompletableFuture<>();

    /** Reports that a copy may read the layer's files now. */
    void readableNow() {
        readable.complete(null);
    }

    /** Reports that the next exec may run now; its files are also readable then. */
    void execMayFollowNow() {
        readable.complete(null);
        execMayFollow.complete(null);
    }

    /** Ends the handoff with the layer's build: what was not reported completes now, or fails with it. */
    void end(Throwable failure) {
        if (failure == null) {
            execMayFollowNow();
        } else {
            readable.completeExceptionally(failure);
            execMayFollow.completeExceptionally(failure);
        }
    }

    CompletableFuture<Void> readable() {
        return readable;
    }

    CompletableFuture<Void> execMayFollow() {
        return execMayFollow;
    }
}
