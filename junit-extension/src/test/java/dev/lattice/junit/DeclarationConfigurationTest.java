package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.service.Database;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

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
                + " did you mean \"postgres\"? use one of postgres, mariadb, redis" + NL
                + "- @ServiceContainer \"notASpec\" on BrokenDeclarations#notASpec() returns String;"
                + " return a ServiceSpec" + NL
                + "- Services bind each other in a cycle: api -> app -> api; a service cannot need itself,"
                + " so remove one binding");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void checksTheAxisValuesOfTheMatrixAndOfTheFactoriesItUsesBeforeAnyCell() {
        EngineRun run = EngineRun.of(MisspeltAxisValues.class);

        assertThat(run.configurationError()).isEqualTo(
                "2 configuration error(s) in DeclarationConfigurationTest.MisspeltAxisValues#run:" + NL
                + "- @ServiceContainer \"maridb\" on axis \"db\" used by parameter db of [DeclarationConfigurationTest"
                + ".MisspeltAxisValues#run] names no service; did you mean \"mariadb\"? use one of app, mariadb,"
                + " postgres, redis, sqlite, or declare a static @ServiceContainer method named maridb" + NL
                + "- @ServiceContainer \"postgress\" on axis \"store\" used by parameter store of"
                + " MisspeltAxisValues#app(), used by [DeclarationConfigurationTest.MisspeltAxisValues#run] names no"
                + " service; did you mean \"postgres\"? use one of app, mariadb, postgres, redis, sqlite, or declare"
                + " a static @ServiceContainer method named postgress");
        assertThat(run.passedCells()).isEmpty();
        assertThat(run.failedCells()).isEmpty();
    }

    @Test
    void checksTheAxisOfAFactoryReachedThroughABareServiceContainerParameter() {
        EngineRun run = EngineRun.of(AxisBehindBareReference.class);

        assertThat(run.configurationError()).isEqualTo(
                "1 configuration error(s) in DeclarationConfigurationTest.AxisBehindBareReference#run:" + NL
                + "- @ServiceContainer \"postgress\" on axis \"store\" used by parameter store of"
                + " AxisBehindBareReference#catalog(), used by"
                + " [DeclarationConfigurationTest.AxisBehindBareReference#run] names no service; did you mean"
                + " \"postgres\"? use one of app, catalog, mariadb, postgres, redis, sqlite, or declare a static"
                + " @ServiceContainer method named postgress");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void reportsAServiceNameThatCannotBeAHostNameBeforeAnythingStarts() {
        EngineRun run = EngineRun.of(UnspeakableName.class);

        assertThat(run.configurationError()).isEqualTo(
                "1 configuration error(s) in DeclarationConfigurationTest.UnspeakableName:" + NL
                + "- @ServiceContainer \"flags api\" on UnspeakableName#app() cannot be a host name on the run's"
                + " network; name it with letters, digits, '.', '_' and '-', such as @ServiceContainer(\"flags-api\")");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void reportsANameDeclaredTwiceOnOneTypeWhileANearerTypeHidesAFartherOne() {
        EngineRun run = EngineRun.of(DeclaredTwice.class);

        assertThat(run.configurationError()).isEqualTo(
                "2 configuration error(s) in DeclarationConfigurationTest.DeclaredTwice:" + NL
                + "- @PipelineContainer \"base\" is declared twice, on DeclaredTwice#FIRST and DeclaredTwice#SECOND;"
                + " rename one of them" + NL
                + "- @ServiceContainer \"app\" is declared twice, on DeclaredTwice#app() and DeclaredTwice#otherApp();"
                + " rename one of them");
        assertThat(run.passedCells()).isEmpty();
    }

    @Test
    void reportsAPipelineMethodThatThrowsBeforeAnythingStarts() {
        EngineRun run = EngineRun.of(ThrowingPipeline.class);

        assertThat(run.configurationError()).isEqualTo(
                "1 configuration error(s) in DeclarationConfigurationTest.ThrowingPipeline:" + NL
                + "- @PipelineContainer \"broken\" on ThrowingPipeline#broken() threw java.lang.IllegalStateException:"
                + " no recipe for the base image; a pipeline method only declares steps, so fix what it throws");
        assertThat(run.passedCells()).isEmpty();
        assertThat(ThrowingPipeline.STARTED).as("the class's container started").isFalse();
    }

    @Test
    void reportsAServiceFactoryGivingNullForACellBeforeAnyServiceOfTheMatrixStarts() {
        EngineRun run = EngineRun.of(NullFactory.class);

        assertThat(run.configurationError()).isEqualTo("@ServiceContainer \"sleeper\" on NullFactory#sleeper()"
                + " returned null for cell [mode=b]; return a ServiceSpec, such as ServiceSpec.of(image), for every"
                + " cell that uses it");
        assertThat(run.passedCells()).isEmpty();
        assertThat(run.failedCells()).isEmpty();
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
                + " [DeclarationConfigurationTest.BrokenParameters#store] names no service; did you mean"
                + " \"postgres\"? use one of mariadb,"
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

    /** Declarations of the same names on an interface the class implements are hidden, not duplicates. */
    interface FartherDeclarations {

        @PipelineContainer("base")
        Container BASE = Container.from("debian:bookworm-slim");

        @ServiceContainer
        static ServiceSpec app() {
            return ServiceSpec.of("debian:bookworm-slim");
        }
    }

    @Lattice
    static class DeclaredTwice implements FartherDeclarations {

        @PipelineContainer("base")
        static final Container FIRST = Container.from("debian:bookworm-slim");

        @PipelineContainer("base")
        static final Container SECOND = FIRST.withExec("true");

        @ServiceContainer
        static ServiceSpec app() {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @ServiceContainer("app")
        static ServiceSpec otherApp() {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @Test
        void run() {
        }
    }

    @Lattice
    static class ThrowingPipeline {

        static final AtomicBoolean STARTED = new AtomicBoolean();

        @ServiceContainer
        static final GenericContainer<?> SLEEPER = new RecordedStart().withCommand("sleep", "infinity");

        /** A container that records that it was started. */
        static final class RecordedStart extends GenericContainer<RecordedStart> {
            RecordedStart() {
                super("debian:bookworm-slim");
            }

            @Override
            public void start() {
                STARTED.set(true);
                super.start();
            }
        }

        @PipelineContainer
        static Container broken() {
            throw new IllegalStateException("no recipe for the base image");
        }

        @PipelineContainer
        static Container dependent(@PipelineContainer("broken") Container broken) {
            return broken.withExec("true");
        }

        @org.junit.jupiter.api.Test
        void neverRuns() {
        }
    }

    @Lattice
    static class NullFactory {

        @ServiceContainer
        static ServiceSpec sleeper(Cell cell) {
            return cell.is("mode", "b") ? null
                    : ServiceSpec.of("debian:bookworm-slim").withCommand("sleep", "infinity");
        }

        @MatrixTest
        @Axis(name = "mode", values = {"a", "b"})
        void run(@ServiceContainer("sleeper") Service sleeper) {
        }
    }

    @Lattice
    static class MisspeltAxisValues {

        @ServiceContainer
        static ServiceSpec app(@ServiceContainer(axis = "store") Database store) {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @MatrixTest
        @Axis(name = "db", values = {"postgres", "maridb"})
        @Axis(name = "store", values = {"sqlite", "postgress"})
        void run(@ServiceContainer(axis = "db") Database db, @ServiceContainer("app") Service app) {
        }
    }

    @Lattice
    static class UnspeakableName {

        @ServiceContainer("flags api")
        static ServiceSpec app() {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @MatrixTest
        @Axis(name = "size", values = "s")
        void run(@ServiceContainer("flags api") Service app) {
        }
    }

    static class AxisBehindBareReference {

        @ServiceContainer
        static ServiceSpec catalog(@ServiceContainer(axis = "store") Database store) {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        /** Refers to the catalog by its parameter's name, with a bare annotation. */
        @ServiceContainer
        static ServiceSpec app(@ServiceContainer Service catalog) {
            return ServiceSpec.of("debian:bookworm-slim");
        }

        @MatrixTest
        @Axis(name = "store", values = {"sqlite", "postgress"})
        void run(@ServiceContainer("app") Service app) {
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
