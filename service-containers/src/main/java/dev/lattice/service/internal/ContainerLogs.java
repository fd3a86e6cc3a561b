package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads a container's output as text. */
final class ContainerLogs {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerLogs.class);

    private ContainerLogs() {
    }

    /** Everything the container printed so far, stdout and stderr interleaved; empty if it is gone. */
    static String all(DockerClient docker, String containerId) {
        StringBuilder text = new StringBuilder();
        try (ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }) {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(callback).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception gone) {
            // A removed container has no logs; say so instead of failing the caller that only wanted context.
            LOG.debug("Cannot read the logs of container {}", containerId, gone);
            return "(no logs: " + gone.getMessage() + ")";
        }
        synchronized (text) {
            return text.toString();
        }
    }

    /** The last lines of a container's output. */
    static List<String> last(DockerClient docker, String containerId, int lines) {
        List<String> all = all(docker, containerId).lines().toList();
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }
}
