package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lattice.engine.Image;
import dev.lattice.example.client.FlagClient;
import dev.lattice.example.client.FlagClient.Evaluation;
import dev.lattice.example.client.FlagClient.Flag;
import dev.lattice.junit.Axis;
import dev.lattice.junit.Cell;
import dev.lattice.junit.Lattice;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.service.Database;
import dev.lattice.service.Ready;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.util.Map;
import java.util.UUID;

/**
 * The flags app's API suite: the distributable image runs as a service bound to its backing store, and every
 * cell of auth x namespace x transport x store drives it through the real API, concurrently.
 */
// tag::matrix[]
@Lattice
class FlagServiceMatrixTest implements FlagsPipelines {

    static final String TOKEN = "s3cret";

    // One app container per distinct (auth, store): the cells that share it work in their own namespaces.
    @ServiceContainer
    static ServiceSpec flags(Cell cell, @PipelineContainer("distributable") Image app,
                             @ServiceContainer(axis = "store") Database store) {
        ServiceSpec spec = ServiceSpec.of(app)
                .withEnv("FLAGS_DB_URL", store.jdbcUrlInNetwork())
                .withEnv("FLAGS_DB_USER", store.username())
                .withEnv("FLAGS_DB_PASSWORD", store.password())
                .withEnv("FLAGS_AUTH_TOKEN", cell.is("auth", "on") ? TOKEN : "")
                .withExposedPort(8080)
                .withExposedPort(9000)
                .waitingFor(Ready.http(8080, "/health"))
                .waitingFor(Ready.port(9000));
        return store.service().map(server -> spec.withBinding(store.kind(), server)).orElse(spec);
    }

    @MatrixTest
    @Axis(name = "auth", values = {"on", "off"})
    @Axis(name = "namespace", values = {"default", "random"})
    @Axis(name = "transport", values = {"http", "grpc"})
    @Axis(name = "store", values = {"sqlite", "postgres", "mariadb"})
    void flagLifecycle(Cell cell, @ServiceContainer("flags") Service flags) {
        String token = cell.is("auth", "on") ? TOKEN : null;
        try (FlagClient client = connect(flags, cell, token)) {
            String namespace = cell.is("namespace", "default") ? "default"
                    : client.createNamespace("team-" + shortId(), "Team").key();
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
        if (cell.is("auth", "on")) {
            try (FlagClient anonymous = connect(flags, cell, null);
                 FlagClient wrongToken = connect(flags, cell, "wrong")) {
                assertThatThrownBy(() -> anonymous.listFlags("default")).isInstanceOf(FlagClient.Unauthorized.class);
                assertThatThrownBy(() -> wrongToken.listFlags("default"))
                        .isInstanceOf(FlagClient.Unauthorized.class);
            }
        }
    }

    private static FlagClient connect(Service flags, Cell cell, String token) {
        return FlagClient.connect(flags.host(), flags.mappedPort(8080), flags.mappedPort(9000),
                cell.get("transport"), token);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
// end::matrix[]
