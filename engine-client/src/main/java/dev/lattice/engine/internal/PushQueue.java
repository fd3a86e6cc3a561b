package dev.lattice.engine.internal;

import dev.lattice.engine.spi.DaemonThreads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Pushes in the background while the run goes on, two at a time (a push compresses layers on the engine's CPU; more
 * would slow the steps and tests beside it), and lets the end of the run wait for them within a time limit.
 */
final class PushQueue {

    private final ExecutorService pushers = DaemonThreads.pool("lattice-registry-push", 2);
    private final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    private final Consumer<RuntimeException> onFailure;

    /** @param onFailure told of each push that failed, on the pushing thread */
    PushQueue(Consumer<RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    /** Runs the push in the background; its failure goes to the failure handler. */
    void submit(Runnable push) {
        pending.add(CompletableFuture.runAsync(() -> {
            try {
                push.run();
            } catch (RuntimeException failed) {
                onFailure.accept(failed);
            }
        }, pushers));
    }

    /**
     * Waits until every push submitted so far has ended, at most {@code limit}.
     *
     * @return how many pushes had not ended when the limit was reached (0 when all ended)
     */
    int await(Duration limit) {
        CompletableFuture<?>[] all = pending.toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return 0;
        } catch (TimeoutException cutShort) {
            int open = 0;
            for (CompletableFuture<?> push : all) {
                if (!push.isDone()) {
                    open++;
                    push.cancel(true);
                }
            }
            return open;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return (int) java.util.Arrays.stream(all).filter(push -> !push.isDone()).count();
        } catch (java.util.concurrent.ExecutionException notThrown) {
            // Failures were handed to onFailure already.
            return 0;
        }
    }

    /** Stops the pushing threads once their work ends. */
    void shutdown() {
        pushers.shutdown();
    }
}
