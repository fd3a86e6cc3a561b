package dev.lattice.engine.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The images a layer is built from: its parent's and those of the layers it copies from. A step may
 * start while they are still being committed (see {@link LayerHandoff}), so they are futures, and
 * asking for an id waits for its commit.
 *
 * @param parent       the parent layer's image (or the base image)
 * @param sources      the images of the layers it copies from, in the order of {@link Layer#dependencies()}
 * @param localImageId an image present now, for helper containers that need any image (the plan's base image)
 */
record StepInputs(CompletableFuture<String> parent, List<CompletableFuture<String>> sources, String localImageId) {

    StepInputs {
        sources = List.copyOf(sources);
    }

    /** Inputs that are all committed already. */
    static StepInputs committed(String parentImageId, List<String> sourceImageIds) {
        return new StepInputs(CompletableFuture.completedFuture(parentImageId),
                sourceImageIds.stream().map(CompletableFuture::completedFuture).toList(), parentImageId);
    }

    /** Returns the parent's image id, waiting for its commit. */
    String parentImageId() {
        return join(parent);
    }

    /** Returns the image id of source {@code index}, waiting for its commit. */
    String sourceImageId(int index) {
        return join(sources.get(index));
    }

    /** Waits for {@code future} and rethrows the failure that ended it as it was thrown. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }
}
