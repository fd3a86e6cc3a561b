package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.example.client.FlagClient;
import dev.lattice.example.client.FlagClient.Evaluation;
import dev.lattice.example.client.FlagClient.Flag;
import java.util.Map;
import java.util.UUID;

/**
 * What one cell checks against a running flags app: create, read, evaluate and delete a flag in its namespace;
 * namespaces do not see each other; with auth on, a missing or wrong token is refused. Shared by the Lattice
 * matrix and the plain-Testcontainers baseline it is measured against.
 *
 * @param host the app's host from the test JVM
 * @param httpPort its HTTP port
 * @param grpcPort its gRPC port
 * @param transport {@code http} or {@code grpc}
 * @param token the bearer token; {@code null} when auth is off
 */
record FlagScenario(String host, int httpPort, int grpcPort, String transport, String token) {

    /**
     * JVM options for an app that lives only for a test run: C1 alone and the serial collector spend less CPU on a
     * few seconds of work, which leaves the cores to the other containers. Given to the app in both suites.
     */
    static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** Runs the scenario in the shared {@code default} namespace or in a new random one. */
    void run(boolean randomNamespace) {
        try (FlagClient client = connect(token)) {
            String namespace = randomNamespace ? client.createNamespace("team-" + shortId(), "Team").key() : "default";
            String flagKey = "checkout-" + shortId();

            client.createFlag(namespace, flagKey, "New checkout", true);
            client.createVariant(namespace, flagKey, "blue", "{\"color\":\"blue\"}");
            String segment = "beta-" + shortId();
            client.createSegment(namespace, segment, "ALL");
            client.createConstraint(namespace, segment, "plan", "eq", "beta");
            client.createRule(namespace, flagKey, segment, "blue", 1);

            Evaluation beta = client.evaluate(namespace, flagKey, "user-1", Map.of("plan", "beta"));
            assertThat(beta.match()).isTrue();
            assertThat(beta.variantKey()).isEqualTo("blue");
            assertThat(client.evaluate(namespace, flagKey, "user-2", Map.of("plan", "free")).match()).isFalse();
            assertThat(client.listFlags(namespace)).extracting(Flag::key).contains(flagKey);

            String other = client.createNamespace("other-" + shortId(), "Other").key();
            assertThatThrownBy(() -> client.getFlag(other, flagKey)).isInstanceOf(FlagClient.NotFound.class);
            assertThat(client.listFlags(other)).extracting(Flag::key).doesNotContain(flagKey);

            client.deleteFlag(namespace, flagKey);
            assertThatThrownBy(() -> client.getFlag(namespace, flagKey)).isInstanceOf(FlagClient.NotFound.class);
        }
        if (token != null) {
            try (FlagClient anonymous = connect(null); FlagClient wrongToken = connect("wrong")) {
                assertThatThrownBy(() -> anonymous.listFlags("default")).isInstanceOf(FlagClient.Unauthorized.class);
                assertThatThrownBy(() -> wrongToken.listFlags("default")).isInstanceOf(FlagClient.Unauthorized.class);
            }
        }
    }

    private FlagClient connect(String bearer) {
        return FlagClient.connect(host, httpPort, grpcPort, transport, bearer);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
