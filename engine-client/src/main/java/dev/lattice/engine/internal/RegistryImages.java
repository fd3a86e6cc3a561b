package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.AsyncDockerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.ResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Moves images between the engine and the registry cache: pulls and pushes through the engine with the Docker CLI's
 * credentials, each bounded in time. The engine sends only the layers the other side lacks, and the registry
 * publishes a manifest only once every blob it names is stored, so an entry that a push left half-way is never seen.
 */
final class RegistryImages {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryImages.class);

    private final DockerClient docker;
    private final AuthConfig credentials;

    RegistryImages(DockerClient docker, AuthConfig credentials) {
        this.docker = docker;
        this.credentials = credentials;
    }

    /**
     * Pulls {@code repository:tag} and returns the pulled image as inspected (its id and labels).
     *
     * @throws TransferFailed naming the reference and the registry's answer, or the time limit
     */
    InspectImageResponse pull(String repository, String tag, Duration limit) {
        String reference = repository + ":" + tag;
        return transfer("pull", reference, limit, docker.pullImageCmd(repository).withTag(tag),
                PullImageCmd::withAuthConfig, () -> docker.inspectImageCmd(reference).exec());
    }

    /**
     * Tags the image as {@code repository:tag}, pushes it and removes that tag again.
     *
     * @throws TransferFailed naming the reference and the registry's answer, or the time limit
     */
    void push(String imageId, String repository, String tag, Duration limit) {
        String reference = repository + ":" + tag;
        docker.tagImageCmd(imageId, repository, tag).withForce().exec();
        try {
            transfer("push", reference, limit, docker.pushImageCmd(repository).withTag(tag),
                    PushImageCmd::withAuthConfig, () -> null);
        } finally {
            untag(reference);
        }
    }

    /** Removes the tag; the image stays while another tag or a container holds it. */
    void untag(String reference) {
        ImageRemoval.quietly(docker, reference, false);
    }

    /**
     * Runs a pull or push with the credentials, within the limit, then {@code then}: the engine's refusal, in the
     * response stream or as a failed request, becomes a TransferFailed naming {@code what} and the reference.
     */
    private <C extends AsyncDockerCmd<C, T>, T extends ResponseItem, R> R transfer(
            String what, String reference, Duration limit, C command, BiConsumer<C, AuthConfig> authenticate,
            Supplier<R> then) {
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            if (credentials != null) {
                authenticate.accept(command, credentials);
            }
            await(command.exec(errors(refused)), reference, what, limit);
            if (refused.get() != null) {
                throw new TransferFailed("Cannot " + what + " " + reference + ": the registry answered \""
                        + refused.get() + "\"");
            }
            return then.get();
        } catch (DockerException failed) {
            throw new TransferFailed("Cannot " + what + " " + reference + ": " + failed.getMessage());
        }
    }

    private static <T extends ResponseItem> ResultCallback.Adapter<T> errors(AtomicReference<String> refused) {
        // The engine reports a refused pull or push inside the response stream, not as a failed request.
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(T item) {
                if (item.isErrorIndicated()) {
                    refused.compareAndSet(null, item.getErrorDetail() != null
                            ? item.getErrorDetail().getMessage() : item.getError());
                }
            }
        };
    }

    private static void await(ResultCallback.Adapter<?> transfer, String reference, String what, Duration limit) {
        try {
            if (!transfer.awaitCompletion(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                // Closing the stream makes the engine cancel the transfer.
                StreamClosing.quietly(transfer, LOG, "the " + what + " of " + reference);
                throw new TransferFailed("Cannot " + what + " " + reference + ": it did not finish within its time limit"
                        + " of " + TimeLimits.format(limit) + "; check that the registry answers, or "
                        + (what.equals("push") ? TimeLimits.raisePush() : TimeLimits.raisePull()), true);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransferFailed("Interrupted during the " + what + " of " + reference);
        }
    }

    /** A pull or push that did not complete; the message names the reference and why. */
    static final class TransferFailed extends RuntimeException {
        private final boolean timedOut;

        TransferFailed(String message) {
            this(message, false);
        }

        TransferFailed(String message, boolean timedOut) {
            super(message);
            this.timedOut = timedOut;
        }

        /** Whether it failed by reaching its time limit. */
        boolean timedOut() {
            return timedOut;
        }
    }
}
