package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.service.Database;
import dev.lattice.service.ServiceSpec;
import org.junit.jupiter.api.Test;

/**
 * Pipelines and services are checked before anything starts, and every problem is reported at once, each with its
 * fix. None of these fixtures needs a Docker engine: they fail before one is asked for.
 */
class DeclarationConfigurationTest {

    private static final String NL = System.lineSeparator();

    @Test
    void reportsEveryDeclarationProblemOfAClassTogether() {
        EngineRun run = EngineRun.of(BrokenDeclarations.class);

        assertThat(run.configurationError()).isEqualTo(
                "8 configuration error(s) in DeclarationConfigurationTest.BrokenDeclarations:" + NL
                + "- @PipelineContainer(\"nope\") on parameter of BrokenDeclarations#needsUnknown() names no pipeline;"
                + " declared pipelines are first, needsUnknown, notStatic, second, wrongType" + NL
                + "- @PipelineContainer \"notStatic\" on BrokenDeclarations#notStatic() is not static;"
                + " make it static, since pipelines are shared by the whole test run" + NL
                + "- @PipelineContainer \"wrongType\" on BrokenDeclarations#wrongType() gives String, not a Container;"
                + " return a dev.lattice.engine.Container" + NL
                + "- Pipelines depend on each other in a cycle: first -> second -> first; break the cycle,"
                + " since a pipeline cannot be its own input" + NL
                + "- Parameter text of BrokenDeclarations#app() is a String, which nothing resolves; a service"
                + " factory takes the Cell, @PipelineContainer(\"name\") Image or Container, and Service, Database"
                + " or Redis" + NL
                + "- @ServiceContainer \"db\" on BrokenDeclarations#db names \"postgress\", which is not in the catalog;"
                + " use one of postgres, mariadb, redis" + NL
                + "- @ServiceContainer \"notASpec\" on BrokenDeclarations#notASpec() returns String;"
                + " return a ServiceSpec" + NL
                + "- Services bind each other in a cycle: api -> app -> api; a service cannot need itself,"
                + " so remove one binding");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void reportsUnknownNamesAndAxesOfAMatrixMethodTogether() {
        EngineRun run = EngineRun.of(BrokenParameters.class);

        assertThat(run.configurationError()).isEqualTo(
                "3 configuration error(s) in DeclarationConfigurationTest.BrokenParameters#store:" + NL
                + "- @PipelineContainer(\"nope\") on parameter image of [DeclarationConfigurationTest.BrokenParameters"
                + "#store] names no pipeline; declare a static @PipelineContainer method named nope" + NL
                + "- @ServiceContainer(axis = \"database\") on parameter first of [DeclarationConfigurationTest."
                + "BrokenParameters#store] names no axis of the matrix; axes are [db], so add"
                + " @Axis(name = \"database\", ...) or fix the name" + NL
                + "- @ServiceContainer \"postgress\" on axis \"db\" used by parameter second of"
                + " [DeclarationConfigurationTest.BrokenParameters#store] names no service; use one of mariadb,"
                + " postgres, redis, sqlite, or declare a static @ServiceContainer method named postgress");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void aPipelineParameterResolvesWithoutTheLatticeAnnotation() {
        EngineRun run = EngineRun.of(WithoutLattice.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly("definitionIsInjected(Container)");
    }

    // No @Lattice: @PipelineContainer on the parameter registers what resolves it.
    static class WithoutLattice {

        @PipelineContainer
        static Container tools() {
            return Container.from("debian:bookworm-slim").withExec("true");
        }

        @org.junit.jupiter.api.Test
        void definitionIsInjected(@PipelineContainer("tools") Container tools) {
            assertThat(tools).isEqualTo(tools());
        }
    }

    @Lattice
    static class BrokenDeclarations {

        @PipelineContainer
        Container notStatic() {
            return Container.from("debian:bookworm-slim");
        }

        @PipelineContainer
        static String wrongType() {
            return "debian:bookworm-slim";
        }

        @PipelineContainer
        static Container needsUnknown(@PipelineContainer("nope") Container nope) {
            return nope;
        }

        @PipelineContainer
        static Container first(@PipelineContainer("second") Container second) {
            return second;
        }

        @PipelineContainer
        static Container second(@PipelineContainer("first") Image first) {
            return Container.from(first.reference());
        }

        @ServiceContainer("postgress")
        static Database db;

        @ServiceContainer
        static String notASpec() {
            return "";
        }

        @ServiceContainer
        static ServiceSpec app(String text, @ServiceContainer("api") dev.lattice.service.Service api) {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @ServiceContainer
        static ServiceSpec api(@ServiceContainer("app") dev.lattice.service.Service app) {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @org.junit.jupiter.api.Test
        void neverRuns() {
        }
    }

    static class BrokenParameters {

        @MatrixTest
        @Axis(name = "db", values = {"sqlite", "postgress"})
        void store(@PipelineContainer("nope") Image image, @ServiceContainer(axis = "database") Database first,
                   @ServiceContainer(axis = "db") Database second) {
        }
    }
}
