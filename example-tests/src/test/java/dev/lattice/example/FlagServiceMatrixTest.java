package dev.lattice.example;

import dev.lattice.engine.Image;
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

/**
 * The flags app's API suite: the distributable image runs as a service bound to its backing store, and every
 * cell of auth x namespace x transport x store runs the {@link FlagScenario} through the real API, concurrently.
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
                .withEnv("JAVA_TOOL_OPTIONS", FlagScenario.SHORT_LIVED_JVM)
                .withExposedPort(8080)
                .withExposedPort(9000)
                // The app opens its gRPC port before its HTTP port: once /health answers, both APIs take calls.
                .waitingFor(Ready.http(8080, "/health"));
        return store.service().map(server -> spec.withBinding(store.kind(), server)).orElse(spec);
    }

    @MatrixTest
    @Axis(name = "auth", values = {"on", "off"})
    @Axis(name = "namespace", values = {"default", "random"})
    @Axis(name = "transport", values = {"http", "grpc"})
    @Axis(name = "store", values = {"sqlite", "postgres", "mariadb"})
    void flagLifecycle(Cell cell, @ServiceContainer("flags") Service flags) {
        new FlagScenario(flags.host(), flags.mappedPort(8080), flags.mappedPort(9000), cell.get("transport"),
                cell.is("auth", "on") ? TOKEN : null).run(cell.is("namespace", "random"));
    }
}
// end::matrix[]
