package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.engine.ImageNotFoundException;
import dev.lattice.service.CatalogService;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Finds the image a service runs. A catalog service on its own recipe image (the default, e.g.
 * {@code lattice/postgres:15}) has that image built by the engine from the local Debian base image, every time: a
 * no-op when the recipe's steps are cached, and never a stale local copy under that name. Any other image (a
 * {@link dev.lattice.service.ServiceSpec}'s, or a catalog service's configured one) is taken locally, else pulled once
 * with a bounded wait (never a retry loop). A catalog service's source setting can narrow that to local, pull or
 * recipe.
 */
final class ImageResolver {

    private static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);

    private final DockerClient docker;
    private final Engine engine;

    ImageResolver(DockerClient docker, Engine engine) {
        this.docker = docker;
        this.engine = engine;
    }

    /** Makes sure an image exists locally: present, else pulled once. */
    String resolve(String image) {
        if (isLocal(image)) {
            return image;
        }
        return pull(image, "no catalog recipe builds it");
    }

    /**
     * Makes sure a catalog service's configured image exists, as its configured source says: {@code auto} builds the
     * recipe when the image is the recipe's own, else takes the image locally or pulls it; {@code local} only takes
     * it locally; {@code pull} pulls it; {@code recipe} builds the recipe and tags its image as the recipe's.
     *
     * @return the image reference to run
     */
    String resolve(CatalogService entry) {
        String image = entry.image();
        boolean ownRecipe = image.equals(entry.recipeImage());
        return switch (entry.source()) {
            case LOCAL -> {
                if (!isLocal(image)) {
                    throw new ImageNotFoundException(image, "not present locally, and lattice.service." + entry.name()
                            + ".source=local forbids pulling or building it; set the source to auto", null);
                }
                yield image;
            }
            case PULL -> pull(image, "set lattice.service." + entry.name() + ".source=recipe to build "
                    + entry.recipeImage() + " locally instead");
            case RECIPE -> build(entry, entry.recipeImage());
            // The recipe's own image is always solved: a no-op when cached, and never a stale local copy.
            case AUTO -> ownRecipe ? build(entry, image) : resolve(image);
        };
    }

    private String build(CatalogService entry, String tagAs) {
        Image built = engine.solve(entry.name() + "-recipe", entry.recipe());
        int colon = tagAs.lastIndexOf(':');
        docker.tagImageCmd(built.id(), tagAs.substring(0, colon), tagAs.substring(colon + 1)).exec();
        return tagAs;
    }

    private boolean isLocal(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }

    private String pull(String image, String fix) {
        try {
            boolean finished = docker.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                throw new ImageNotFoundException(image, "no answer from the registry within "
                        + PULL_TIMEOUT.toSeconds() + " s; " + fix, null);
            }
            return image;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ImageNotFoundException(image, "interrupted while pulling", interrupted);
        } catch (ImageNotFoundException notFound) {
            throw notFound;
        } catch (RuntimeException refused) {
            throw new ImageNotFoundException(image, refused.getMessage() + "; " + fix, refused);
        }
    }
}
