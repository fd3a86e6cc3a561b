package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
     * Pulls {@code repository:tag} and returns the pulled image's id.
     *
     * @throws TransferFailed naming the reference and the registry's answer, or the time limit
     */
    String pull(String repository, String tag, Duration limit) {
        String reference = repository + ":" + tag;
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            var pull = docker.pullImageCmd(repository).withTag(tag);
            if (credentials != null) {
                pull.withAuthConfig(credentials);
            }
            ResultCallback.Adapter<PullResponseItem> pulling = pull.exec(errors(refused));
            await(pulling, reference, "pull", limit);
            if (refused.get() != null) {
                throw new TransferFailed("Cannot pull " + reference + ": the registry answered \"" + refused.get() + "\"");
            }
            return docker.inspectImageCmd(reference).exec().getId();
        } catch (DockerException failed) {
            throw new TransferFailed("Cannot pull " + reference + ": " + failed.getMessage());
        }
    }

    /**
     * Tags the image as {@code repository:tag}, pushes it and removes that tag again.
     *
     * @throws TransferFailed naming the reference and the registry's answer, or the time limit
     */
    void push(String imageId, String repository, String tag, Duration limit) {
        String reference = repository + ":" + tag;
        docker.tagImageCmd(imageId, repository, tag).withForce().exec();
        AtomicReference<String> refused = new AtomicReference<>();
        try {
            var push = docker.pushImageCmd(repository).withTag(tag);
            if (credentials != null) {
                push.withAuthConfig(credentials);
            }
            ResultCallback.Adapter<PushResponseItem> pushing = push.exec(errors(refused));
            await(pushing, reference, "push", limit);
            if (refused.get() != null) {
                throw new TransferFailed("Cannot push " + reference + ": the registry answered \"" + refused.get() + "\"");
            }
        } catch (DockerException failed) {
            throw new TransferFailed("Cannot push " + reference + ": " + failed.getMessage());
        } finally {
            untag(reference);
        }
    }

    /** Removes the tag; the image stays while another tag or a container holds it. */
    void untag(String reference) {
        try {
            docker.removeImageCmd(reference).withNoPrune(false).exec();
        } catch (NotFoundException gone) {
            // Nothing to remove.
        } catch (DockerException held) {
            LOG.debug("Tag {} not removed: {}", reference, held.getMessage());
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
