package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes one container Lattice made, with its anonymous volumes, without failing: a container already gone is
 * removed as far as anyone cares, and one that cannot be removed now goes with the run's cleanup. The one place that
 * says how a container is removed, so that every removal treats those cases alike.
 */
final class ContainerRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerRemoval.class);

    private ContainerRemoval() {
    }

    /** Force-removes the container; a failure is logged at debug, never thrown. */
    static void quietly(DockerClient docker, String container) {
        try {
            request(docker, container);
        } catch (NotFoundException alreadyGone) {
            LOG.debug("Container {} is gone already", container);
        } catch (DockerException notNow) {
            LOG.debug("Cannot remove container {} now; the run's cleanup removes it", container, notNow);
        }
    }

    /** Force-removes the container; the engine's refusal is thrown (a 409 when a removal is under way). */
    static void request(DockerClient docker, String container) {
        docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    }
}
