package dev.lattice.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import dev.lattice.engine.ImageNotFoundException;
import dev.lattice.engine.internal.DockerConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Any image as a service: sharing by definition, bindings, readiness failures and missing images. */
@ExtendWith(ClassServices.class)
class ServiceSpecStartTest {

    private static final String BASE = "debian:bookworm-slim";


    @Test
    void equalDefinitionsShareOneContainerAndFreshOnesGetTheirOwn(ServiceRuntime runtime) {
        ServiceSpec sleeper = ServiceSpec.of(BASE).named("sleeper").withCommand("sleep", "infinity");
        Service first = runtime.start(sleeper);
        Service again = runtime.start(ServiceSpec.of(BASE).named("sleeper").withCommand("sleep", "infinity"));
        Service fresh = runtime.start(sleeper.fresh());
        assertThat(again.containerId()).isEqualTo(first.containerId());
        assertThat(fresh.containerId()).isNotEqualTo(first.containerId());
        assertThat(sleeper.withEnv("A", "1").definitionDigest()).isNotEqualTo(sleeper.definitionDigest());
    }

    @Test
    void aStoppedServiceIsRemovedAndAnEqualDefinitionStartsAnew(ServiceRuntime runtime) {
        ServiceSpec napper = ServiceSpec.of(BASE).named("napper").withCommand("sleep", "infinity")
                .withEnv("NONCE", java.util.UUID.randomUUID().toString());
        Service first = runtime.start(napper);
        var docker = DockerConnection.testcontainersClient();

        runtime.stop(first);

        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(java.util.List.of(first.containerId()))
                .exec()).as("containers left of the stopped service").isEmpty();
        Service second = runtime.start(napper);
        assertThat(second.containerId()).isNotEqualTo(first.containerId());
        assertThat(docker.inspectContainerCmd(second.containerId()).exec().getState().getRunning()).isTrue();
        assertThatThrownBy(() -> runtime.stop(first))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is stopped already");
    }

    @Test
    void aBoundServiceReachesItsBindingByAlias(ServiceRuntime runtime) throws Exception {
        Service target = runtime.start(ServiceSpec.of(BASE).named("target").withCommand("sleep", "infinity"));
        Service app = runtime.start(ServiceSpec.of(BASE).named("app").withCommand("sleep", "infinity")
                .withBinding("db", target));
        var docker = DockerConnection.testcontainersClient();
        ExecCreateCmdResponse exec = docker.execCreateCmd(app.containerId())
                .withCmd("getent", "hosts", "db").withAttachStdout(true).exec();
        StringBuilder out = new StringBuilder();
        docker.execStartCmd(exec.getId()).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                com.github.dockerjava.api.model.Frame>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Frame frame) {
                out.append(new String(frame.getPayload()));
            }
        }).awaitCompletion(10, TimeUnit.SECONDS);
        assertThat(out.toString()).startsWith(target.ipAddress() + " ").contains("db");
    }

    @Test
    void aReadinessTimeoutFailsOnceItsTimeIsUpAndSaysWhy(ServiceRuntime runtime) {
        ServiceSpec silent = ServiceSpec.of(BASE).named("silent")
                .withCommand("sh", "-c", "echo starting; sleep infinity")
                .waitingFor(Ready.logLine("never printed", 1).withTimeout(Duration.ofSeconds(2)));
        Throwable failure = catchThrowable(() -> runtime.start(silent));
        assertThat(failure).isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("Service \"silent\" (debian:bookworm-slim")
                .hasMessageContaining("check \"log line /never printed/ seen 1 time(s) within 2 s\" failed after")
                .hasMessageContaining("seen 0 of 1 time(s)")
                .hasMessageContaining("the container is still running")
                .hasMessageContaining("  | starting");
        Matcher waited = Pattern.compile("failed after (\\d+) ms").matcher(failure.getMessage());
        assertThat(waited.find()).as("the wait in " + failure.getMessage()).isTrue();
        // At least its own timeout, and far from the default minute a check without one would take.
        assertThat(Long.parseLong(waited.group(1))).isBetween(2_000L, 30_000L);
    }

    @Test
    void aContainerThatExitsFailsWithItsExitCodeAndLogs(ServiceRuntime runtime) {
        ServiceSpec crashing = ServiceSpec.of(BASE).named("crashing")
                .withCommand("sh", "-c", "echo cannot open config >&2; exit 3")
                .waitingFor(Ready.port(8080).withTimeout(Duration.ofSeconds(20)));
        assertThatThrownBy(() -> runtime.start(crashing))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("the container stopped with exit code 3")
                .hasMessageContaining("  | cannot open config");
    }

    @Test
    void aMissingImageWithNoRegistryFailsFastNamingTheImage(ServiceRuntime runtime) {
        // Lattice's own pull answers with ImageNotFoundException after one attempt; Testcontainers' retries for two
        // minutes would end in another exception.
        assertThatThrownBy(() -> runtime.start(ServiceSpec.of("lattice-missing/never-built:1")))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("lattice-missing/never-built:1");
    }

    @Test
    void anHttpCheckWaitsForTheStatus(ServiceRuntime runtime) {
        Service web = runtime.start(ServiceSpec.of(BASE).named("web")
                .withEnv("NONCE", java.util.UUID.randomUUID().toString())
                .withExposedPort(8080).withCommand("perl", "-e", httpServer(3, 200))
                .waitingFor(Ready.http(8080, "/health")));

        // The check went on through the three 503s, so the start took the fourth answer, a 200. The engine stores a
        // container's output a moment after it is written: the last line may not be in the log yet.
        java.util.List<String> answers = web.logs().lines().filter(line -> line.startsWith("answered")).toList();
        assertThat(answers).as("what the server answered the check until it was ready")
                .startsWith("answered 503", "answered 503", "answered 503");
        assertThat(answers.subList(3, answers.size())).as("after the 503s").isSubsetOf("answered 200")
                .hasSizeLessThan(2);
        assertThat(web.mappedPort(8080)).isPositive();
        assertThatThrownBy(() -> web.mappedPort(80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service \"web\" does not publish port 80; it publishes [8080], so add"
                        + " withExposedPort(80)");
    }

    @Test
    void anHttpCheckForAnExactStatusTakesNoOtherAndSaysWhatItGot(ServiceRuntime runtime) {
        ServiceSpec teapot = ServiceSpec.of(BASE).named("teapot")
                .withEnv("NONCE", java.util.UUID.randomUUID().toString())
                .withExposedPort(8080).withCommand("perl", "-e", httpServer(0, 200))
                .waitingFor(Ready.http(8080, "/health").withStatus(418).withTimeout(Duration.ofSeconds(3)));

        assertThatThrownBy(() -> runtime.start(teapot))
                .isInstanceOf(ServiceStartException.class)
                .hasMessageContaining("check \"HTTP GET :8080/health answers 418 within 3 s\" failed after")
                .hasMessageContaining("(last: status 200)")
                .hasMessageContaining("  | answered 200");
    }

    /**
     * A tiny HTTP server in Perl, which the Debian base image has: it answers 503 to the first requests, then the
     * given status, and prints each answer.
     */
    private static String httpServer(int unavailableFirst, int status) {
        return """
                use IO::Socket::INET;
                $| = 1;
                my $server = IO::Socket::INET->new(LocalPort => 8080, Listen => 10, ReuseAddr => 1) or die "$!";
                my $served = 0;
                while (my $client = $server->accept) {
                    while (my $line = <$client>) { last if $line =~ /^\\r?$/; }
                    my $answer = ++$served <= %d ? 503 : %d;
                    print "answered $answer\\n";
                    print $client "HTTP/1.1 $answer X\\r\\nContent-Length: 0\\r\\nConnection: close\\r\\n\\r\\n";
                    close $client;
                }
                """.formatted(unavailableFirst, status);
    }
}
