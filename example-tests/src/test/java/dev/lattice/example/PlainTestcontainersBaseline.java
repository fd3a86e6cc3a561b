package dev.lattice.example;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The benchmark's baseline: the auth x namespace x transport matrix on PostgreSQL written the way teams do it
 * without Lattice: plain Testcontainers, a {@code @ParameterizedTest}, a fresh app container per case, run one
 * after another, on an app image built beforehand with {@code docker build}. Its name is not a test's, so only
 * {@code scripts/bench-matrix.sh} runs it (with {@code -Dtest=PlainTestcontainersBaseline}).
 */
class PlainTestcontainersBaseline {

    private static final String TOKEN = "s3cret";
    private static final Network NETWORK = Network.newNetwork();
    private static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(
            DockerImageName.parse("lattice/postgres:15").asCompatibleSubstituteFor("postgres"))
            .withNetwork(NETWORK)
            .withNetworkAliases("postgres");

    @BeforeAll
    static void startDatabase() {
        POSTGRES.start();
    }

    @AfterAll
    static void stopDatabase() {
        POSTGRES.stop();
        NETWORK.close();
    }

    static Stream<Arguments> cells() {
        return Stream.of("on", "off").flatMap(auth -> Stream.of("default", "random").flatMap(namespace ->
                Stream.of("http", "grpc").map(transport -> Arguments.of(auth, namespace, transport))));
    }

    @ParameterizedTest(name = "auth={0}, namespace={1}, transport={2}")
    @MethodSource("cells")
    void flagLifecycle(String auth, String namespace, String transport) {
        try (GenericContainer<?> app = new GenericContainer<>(DockerImageName.parse(
                System.getProperty("baseline.image", "lattice-baseline/flags:latest")))
                .withNetwork(NETWORK)
                .withEnv("FLAGS_DB_URL", "jdbc:postgresql://postgres:5432/" + POSTGRES.getDatabaseName())
                .withEnv("FLAGS_DB_USER", POSTGRES.getUsername())
                .withEnv("FLAGS_DB_PASSWORD", POSTGRES.getPassword())
                .withEnv("FLAGS_AUTH_TOKEN", auth.equals("on") ? TOKEN : "")
                .withEnv("JAVA_TOOL_OPTIONS", FlagScenario.SHORT_LIVED_JVM)
                .withExposedPorts(8080, 9000)
                // The app opens its gRPC port before its HTTP port: once /health answers, both APIs take calls.
                .waitingFor(Wait.forHttp("/health").forPort(8080))) {
            app.start();
            new FlagScenario(app.getHost(), app.getMappedPort(8080), app.getMappedPort(9000), transport,
                    auth.equals("on") ? TOKEN : null).run(namespace.equals("random"));
        }
    }
}
