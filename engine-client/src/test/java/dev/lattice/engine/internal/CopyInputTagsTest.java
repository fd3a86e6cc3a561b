package dev.lattice.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.LeftoverSweeper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-engine copy's short-lived tags that a killed process left go with the next run's sweep, and only those. */
class CopyInputTagsTest {

    @Test
    void theSweepRemovesTheTagsOfDeadProcessesOfThisHostAndKeepsTheOthers() throws Exception {
        DockerClient docker = DockerConnection.testcontainersClient();
        RunLabels labels = RunLabels.current();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String deadHere = new CopyInputTags(labels.host(), gone.pid()).next().parent();
        String aliveHere = new CopyInputTags(labels).next().source();
        String elsewhere = new CopyInputTags("another-host", gone.pid()).next().parent();
        String base = docker.inspectImageCmd("debian:bookworm-slim").exec().getId();
        List<String> references = List.of(deadHere, aliveHere, elsewhere);
        for (String reference : references) {
            int colon = reference.lastIndexOf(':');
            docker.tagImageCmd(base, reference.substring(0, colon), reference.substring(colon + 1)).exec();
        }
        try {
            new LeftoverSweeper(docker, labels).sweep();

            assertThat(exists(docker, deadHere)).as("a dead process's tag").isFalse();
            assertThat(exists(docker, aliveHere)).as("this process's tag").isTrue();
            assertThat(exists(docker, elsewhere)).as("another host's tag").isTrue();
            assertThat(exists(docker, "debian:bookworm-slim")).as("the image itself").isTrue();
        } finally {
            for (String reference : references) {
                if (exists(docker, reference)) {
                    docker.removeImageCmd(reference).withNoPrune(true).exec();
                }
            }
        }
    }

    private static boolean exists(DockerClient docker, String reference) {
        try {
            docker.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }
}
