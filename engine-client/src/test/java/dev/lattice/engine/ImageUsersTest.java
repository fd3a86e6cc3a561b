package dev.lattice.engine;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.spi.LeftoverSweeper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container someone else starts from an image Lattice built (a catalog image run by Testcontainers' own modules, a
 * pipeline image run with {@code docker run}) inherits the image's labels; it is theirs, not Lattice's, and stays.
 */
class ImageUsersTest {

    @Test
    void aContainerStartedFromALatticeImageByAnotherToolOutlivesTheRunAndTheSweep(@TempDir Path stateDir) {
        DockerClient docker = TestEngines.docker();
        Engine engine = TestEngines.builder(stateDir).build();
        String theirs = null;
        try {
            Image image = engine.solve("for-users", Container.from(BASE).withExec("sh", "-c",
                    "echo " + TestEngines.nonce() + " > /made-by-lattice"));
            theirs = docker.createContainerCmd(image.id()).withCmd("sleep", "60").exec().getId();
            docker.startContainerCmd(theirs).exec();

            new LeftoverSweeper(docker, engine.runLabels()).sweep();
            engine.close();

            assertThat(docker.listContainersCmd().withIdFilter(List.of(theirs)).exec())
                    .as("the container another tool started from the run's image").hasSize(1);
        } finally {
            if (theirs != null) {
                try {
                    docker.removeContainerCmd(theirs).withForce(true).exec();
                } catch (RuntimeException removedByTheRun) {
                    // What the assertion above is about.
                }
            }
            TestEngines.removeRunImages(engine);
        }
    }
}
