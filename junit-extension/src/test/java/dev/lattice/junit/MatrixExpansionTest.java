package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MatrixExpansionTest {

    @Test
    void crossesEveryAxisIntoNamedCells() {
        EngineRun run = EngineRun.of(EightCells.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly(
                "auth=on, namespace=default, transport=http",
                "auth=on, namespace=default, transport=grpc",
                "auth=on, namespace=team-a, transport=http",
                "auth=on, namespace=team-a, transport=grpc",
                "auth=off, namespace=default, transport=http",
                "auth=off, namespace=default, transport=grpc",
                "auth=off, namespace=team-a, transport=http",
                "auth=off, namespace=team-a, transport=grpc");
    }

    @Test
    void givesEachCellItsValuesAndIndex() {
        EngineRun run = EngineRun.of(CellChecking.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly("1: auth=on, transport=http", "2: auth=on, transport=grpc",
                "3: auth=off, transport=http", "4: auth=off, transport=grpc");
    }

    @Test
    void takesEnumConstantsAsValues() {
        EngineRun run = EngineRun.of(EnumAxis.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly("db=SQLITE", "db=POSTGRES", "db=MARIADB");
    }

    @Test
    void computesMethodValuesOnceBeforeExpanding() {
        MethodAxis.calls.set(0);

        EngineRun run = EngineRun.of(MethodAxis.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly(
                "namespace=ns-1, auth=on", "namespace=ns-1, auth=off",
                "namespace=ns-2, auth=on", "namespace=ns-2, auth=off");
        assertThat(MethodAxis.calls).hasValue(1);
    }

    @Test
    void acceptsListAndStreamMethods() {
        EngineRun run = EngineRun.of(ListAndStreamAxes.class);

        assertThat(run.passedCells()).containsExactly("a=x, b=y");
    }

    @Test
    void removesCellsMatchingEveryPairOfAnExclusion() {
        EngineRun run = EngineRun.of(Exclusions.class);

        assertThat(run.passedCells()).containsExactly(
                "auth=on, namespace=default, transport=http",
                "auth=on, namespace=default, transport=grpc",
                "auth=on, namespace=team-a, transport=http",
                "auth=on, namespace=team-a, transport=grpc",
                "auth=off, namespace=default, transport=http",
                "auth=off, namespace=team-a, transport=http");
    }

    @Test
    void numbersCellsAfterExclusions() {
        EngineRun run = EngineRun.of(IndexAfterExclusion.class);

        assertThat(run.passedCells()).containsExactly("1 auth=on", "2 auth=maybe");
    }

    @Test
    void rendersCustomNamePatterns() {
        EngineRun run = EngineRun.of(CustomName.class);

        assertThat(run.passedCells()).containsExactly(
                "[1] flagLifecycle(Cell): http with auth on",
                "[2] flagLifecycle(Cell): grpc with auth on",
                "[3] flagLifecycle(Cell): http with auth off",
                "[4] flagLifecycle(Cell): grpc with auth off");
    }

    @Test
    void worksThroughComposedAnnotations() {
        EngineRun run = EngineRun.of(Composed.class);

        assertThat(run.passedCells()).containsExactly("transport=http", "transport=grpc");
    }

    @Test
    void runsEachCellOnceUnderLattice() {
        EngineRun run = EngineRun.of(UnderLattice.class);

        assertThat(run.passedCells()).containsExactly("auth=on", "auth=off");
    }

    static class EightCells {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @Axis(name = "namespace", values = {"default", "team-a"})
        @Axis(name = "transport", values = {"http", "grpc"})
        void flagLifecycle(Cell cell) {
            assertThat(cell.axes()).containsOnlyKeys("auth", "namespace", "transport");
        }
    }

    static class CellChecking {
        @MatrixTest(name = "{index}: {cell}")
        @Axis(name = "auth", values = {"on", "off"})
        @Axis(name = "transport", values = {"http", "grpc"})
        void cell(Cell cell) {
            List<String> expected = List.of("auth=on, transport=http", "auth=on, transport=grpc",
                    "auth=off, transport=http", "auth=off, transport=grpc");
            assertThat(cell.toString()).isEqualTo(expected.get(cell.index() - 1));
            assertThat(cell.axes().keySet()).containsExactly("auth", "transport");
            assertThat(cell.is("auth", "on")).isEqualTo(cell.index() <= 2);
            assertThat(cell.get("transport")).isIn("http", "grpc");
        }
    }

    enum Database { SQLITE, POSTGRES, MARIADB }

    static class EnumAxis {
        @MatrixTest
        @Axis(name = "db", enumType = Database.class)
        void store(Cell cell) {
            assertThat(cell.get("db", Database.class).name()).isEqualTo(cell.get("db"));
        }
    }

    static class MethodAxis {
        static final AtomicInteger calls = new AtomicInteger();

        static String[] namespaces() {
            calls.incrementAndGet();
            return new String[] {"ns-1", "ns-2"};
        }

        @MatrixTest
        @Axis(name = "namespace", method = "namespaces")
        @Axis(name = "auth", values = {"on", "off"})
        void namespaced(Cell cell) {
        }
    }

    static class ListAndStreamAxes {
        static List<String> listed() {
            return List.of("x");
        }

        static java.util.stream.Stream<String> streamed() {
            return java.util.stream.Stream.of("y");
        }

        @MatrixTest
        @Axis(name = "a", method = "listed")
        @Axis(name = "b", method = "streamed")
        void both() {
        }
    }

    static class Exclusions {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @Axis(name = "namespace", values = {"default", "team-a"})
        @Axis(name = "transport", values = {"http", "grpc"})
        @ExcludeCell({"auth=off", "transport=grpc"})
        void flagLifecycle(Cell cell) {
        }
    }

    static class IndexAfterExclusion {
        @MatrixTest(name = "{index} {cell}")
        @Axis(name = "auth", values = {"on", "off", "maybe"})
        @ExcludeCell("auth=off")
        void auth(Cell cell) {
        }
    }

    static class CustomName {
        @MatrixTest(name = "[{index}] {displayName}: {transport} with auth {auth}")
        @Axis(name = "auth", values = {"on", "off"})
        @Axis(name = "transport", values = {"http", "grpc"})
        void flagLifecycle(Cell cell) {
        }
    }

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @MatrixTest
    @Axis(name = "transport", values = {"http", "grpc"})
    @interface EveryTransport {
    }

    static class Composed {
        @EveryTransport
        void transport(Cell cell) {
        }
    }

    @Lattice
    static class UnderLattice {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        void auth(Cell cell) {
        }
    }
}
