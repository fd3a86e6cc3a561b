package dev.lattice.service.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import dev.lattice.service.Ready;
import dev.lattice.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Waits until a started service passes its readiness checks, or explains why it did not. */
final class ReadinessProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessProbe.class);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final DockerClient docker;

    ReadinessProbe(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Waits for every check in order.
     *
     * @throws ServiceStartException naming the check that did not pass, how long it waited, how the container
     *     ended (exit code, OOM) if it did, and its last 50 log lines
     */
    void await(RunningService service, String image, List<Ready> checks) {
        for (Ready check : checks) {
            long started = System.nanoTime();
            long deadline = started + check.timeout().toNanos();
            String lastAnswer = "no answer yet";
            while (true) {
                InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(service.containerId())
                        .exec().getState();
                if (!Boolean.TRUE.equals(state.getRunning())) {
                    throw failure(service, image, check, started, "the container stopped with exit code "
                            + state.getExitCodeLong() + (Boolean.TRUE.equals(state.getOOMKilled())
                            ? " (killed: out of memory)" : ""), null);
                }
                try {
                    String answer = attempt(service, check);
                    if (answer == null) {
                        break;
                    }
                    lastAnswer = answer;
                } catch (RuntimeException | IOException failed) {
                    lastAnswer = failed.toString();
                }
                if (System.nanoTime() > deadline) {
                    throw failure(service, image, check, started, "it did not pass (last: " + lastAnswer
                            + "); the container is still running", null);
                }
                sleep();
            }
        }
    }

    /** Runs a check once: {@code null} when it passes, else what it saw. */
    private String attempt(RunningService service, Ready check) throws IOException {
        return switch (check.kind()) {
            case LOG_LINE -> {
                Pattern pattern = Pattern.compile(check.text());
                long seen = service.logs().lines().filter(line -> pattern.matcher(line).find()).count();
                yield seen >= check.times() ? null : "seen " + seen + " of " + check.times() + " time(s)";
            }
            case HTTP -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + service.host() + ":"
                        + service.mappedPort(check.port()) + check.text())).timeout(Duration.ofSeconds(2)).build();
                try {
                    int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    boolean ok = check.status() == 0 ? status / 100 == 2 : status == check.status();
                    yield ok ? null : "status " + status;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    yield "interrupted";
                }
            }
            case COMMAND -> {
                long exit = exec(service.containerId(), check.command());
                yield exit == 0 ? null : "exit code " + exit;
            }
            case PORT -> {
                // Probed inside the container: a published port accepts connections on the host side before
                // the server inside listens.
                long exit = exec(service.containerId(),
                        List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + check.port()));
                yield exit == 0 ? null : "nothing listens on port " + check.port() + " yet";
            }
        };
    }

    private long exec(String containerId, List<String> command) {
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).exec();
        try (ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>()) {
            docker.execStartCmd(exec.getId()).exec(callback).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (IOException closing) {
            // closing the callback cannot lose the exit code, which inspect reads below
            LOG.debug("Closing the output of a readiness check failed", closing);
        }
        InspectExecResponse result = docker.inspectExecCmd(exec.getId()).exec();
        Long exit = result.getExitCodeLong();
        return exit == null ? -1 : exit;
    }

    private ServiceStartException failure(RunningService service, String image, Ready check, long started,
                                          String what, Throwable cause) {
        long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<String> logs = ContainerLogs.last(docker, service.containerId(), 50);
        StringBuilder message = new StringBuilder()
                .append("Service \"").append(service.name()).append("\" (").append(image).append(", container ")
                .append(service.containerId(), 0, 12).append(") was not ready: check \"").append(check)
                .append("\" failed after ").append(waited).append(" ms: ").append(what).append('.');
        message.append(logs.isEmpty() ? " It printed nothing." : " Its last " + logs.size() + " log lines:");
        logs.forEach(line -> message.append(System.lineSeparator()).append("  | ").append(line));
        return new ServiceStartException(message.toString(), cause);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for a service to be ready", interrupted);
        }
    }
}
