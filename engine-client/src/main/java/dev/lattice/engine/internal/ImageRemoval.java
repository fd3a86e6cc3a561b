package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one image or tag Lattice made without failing: one already gone is removed as far as anyone cares, and one
 * that cannot be removed now (held by a container, or the engine not answering) is left to the run's cleanup or the
 * next sweep. The one place that says how such an image is removed, so that every removal treats those cases alike.
 */
final class ImageRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(ImageRemoval.class);

    private ImageRemoval() {
    }

    /**
     * Removes the image or tag; a failure is logged at debug, never thrown.
     *
     * @param noPrune whether the parent images this leaves untagged stay (the engine removes them otherwise)
     */
    static void quietly(DockerClient docker, String image, boolean noPrune) {
        try {
            docker.removeImageCmd(image).withNoPrune(noPrune).exec();
        } catch (NotFoundException alreadyGone) {
            LOG.debug("Image {} is gone already", image);
        } catch (RuntimeException notNow) {
            LOG.debug("Cannot remove image {} now", image, notNow);
        }
    }
}
