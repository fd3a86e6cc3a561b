package dev.lattice.engine.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.lattice.engine.LatticeException;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Testcontainers' Ryuk container, which Testcontainers starts before the first container of its own (Lattice's
 * engine and services never start it). Where the engine lacks Ryuk's image and no registry serves it, Testcontainers
 * retries the pull for minutes and prints nothing; this check fails in seconds instead, with the fix.
 */
public final class TestcontainersRyuk {

    private static final long PULL_SECONDS = 10;

    private TestcontainersRyuk() {
    }

    /**
     * Checks, before a Testcontainers container starts, that Testcontainers can start Ryuk on the engine, or that
     * Ryuk is disabled.
     *
     * @throws LatticeException when Ryuk is enabled and its image is neither present nor pullable, naming the image,
     *                          the engine, the cause and the fix
     */
    public static void requireStartable(DockerConnection.Connection connection) {
        String image = ImageNameSubstitutor.instance()
                .apply(DockerImageName.parse(TestcontainersConfiguration.getInstance().getRyukImage()))
                .asCanonicalNameString();
        problem(connection, System.getenv("TESTCONTAINERS_RYUK_DISABLED"), image).ifPresent(message -> {
            throw new LatticeException(message);
        });
    }

    /**
     * Returns why Testcontainers could not start Ryuk from {@code image}; empty when Ryuk is disabled (the variable
     * is {@code true}), when the image is present, or when a pull does not fail within a few seconds.
     */
    static Optional<String> problem(DockerConnection.Connection connection, String disabledVariable, String image) {
        if (Boolean.parseBoolean(disabledVariable)) {
            return Optional.empty();
        }
        try {
            connection.client().inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (NotFoundException missing) {
            // Try one pull, as Testcontainers would, but only once.
        }
        String cause;
        try {
            boolean done = connection.client().pullImageCmd(image).exec(new ResultCallback.Adapter<PullResponseItem>())
                    .awaitCompletion(PULL_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                return Optional.empty();
            }
            connection.client().inspectImageCmd(image).exec();
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException failed) {
            cause = DockerConnection.cause(failed);
        }
        return Optional.of("Testcontainers starts its Ryuk container (image " + image + ") before its first container,"
                + " but the Docker engine at " + connection.endpoint().uri() + " does not have that image and cannot"
                + " pull it (" + cause + "); Testcontainers would retry the pull for minutes. Lattice removes what it"
                + " creates and needs no Ryuk: set the environment variable TESTCONTAINERS_RYUK_DISABLED=true (in an"
                + " IDE, in the run configuration or the JUnit run template; Testcontainers reads no ryuk.disabled"
                + " property), or load " + image + " into the engine (docker load).");
    }
}
