package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

class MatrixConfigurationTest {

    private static final String NL = System.lineSeparator();

    @Test
    void reportsEveryProblemTogetherBeforeAnyCellRuns() {
        EngineRun run = EngineRun.of(ManyMistakes.class, "lattice.matrix.shard=5/4");

        assertThat(run.configurationError()).isEqualTo(
                "4 configuration error(s) in MatrixConfigurationTest.ManyMistakes#store:" + NL
                + "- @Axis \"db\" on [MatrixConfigurationTest.ManyMistakes#store] has no values;"
                + " add values = {...}, enumType = SomeEnum.class or method = \"...\"" + NL
                + "- @ExcludeCell pair \"auth=maybe\" on [MatrixConfigurationTest.ManyMistakes#store]"
                + " names no value of axis \"auth\"; use one of on, off" + NL
                + "- Configuration parameter lattice.matrix.shard=5/4 is not a shard;"
                + " write k/n with 1 <= k <= n, such as 2/4 for the second of four" + NL
                + "- Parameter \"String name\" of [MatrixConfigurationTest.ManyMistakes#store] has no"
                + " ParameterResolver; take a Cell and read the axis with cell.get(\"...\"),"
                + " or register an extension that resolves String");
        assertThat(run.passedCells()).isEmpty();
        assertThat(run.failedCells()).isEmpty();
    }

    @Test
    void acceptsParametersThatAnotherExtensionResolves() {
        EngineRun run = EngineRun.of(ResolvedElsewhere.class);

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).containsExactly("auth=on", "auth=off");
    }

    @Nested
    @DisplayName("fails when")
    class FailsWhen {

        @Test
        void aMatrixHasNoAxes() {
            assertThat(errorOf(NoAxes.class)).isEqualTo(
                    "@MatrixTest [MatrixConfigurationTest.NoAxes#run] has no axes;"
                    + " add @Axis(name = \"...\", values = {...})");
        }

        @Test
        void anAxisHasNoValues() {
            assertThat(errorOf(EmptyAxis.class)).isEqualTo(
                    "@Axis \"db\" on [MatrixConfigurationTest.EmptyAxis#run] has no values;"
                    + " add values = {...}, enumType = SomeEnum.class or method = \"...\"");
        }

        @Test
        void anAxisHasNoName() {
            assertThat(errorOf(NamelessAxis.class)).isEqualTo(
                    "@Axis on [MatrixConfigurationTest.NamelessAxis#run] has no name; add name = \"...\"");
        }

        @Test
        void anAxisNameIsDeclaredTwice() {
            assertThat(errorOf(DuplicateAxis.class)).isEqualTo(
                    "@Axis \"db\" on [MatrixConfigurationTest.DuplicateAxis#run] is declared more than once;"
                    + " give each axis its own name");
        }

        @Test
        void anAxisListsAValueTwice() {
            assertThat(errorOf(DuplicateValue.class)).isEqualTo(
                    "@Axis \"db\" on [MatrixConfigurationTest.DuplicateValue#run] lists \"pg\" more than once;"
                    + " list each value once");
        }

        @Test
        void anAxisHasTwoSourcesOfValues() {
            assertThat(errorOf(TwoSources.class)).isEqualTo(
                    "@Axis \"db\" on [MatrixConfigurationTest.TwoSources#run] has both values and enumType;"
                    + " keep one of them");
        }

        @Test
        void anEnumAxisHasNoConstants() {
            assertThat(errorOf(EmptyEnum.class)).isEqualTo(
                    "@Axis \"db\" on [MatrixConfigurationTest.EmptyEnum#run] has no values:"
                    + " enum Nothing has no constants; add constants or use values = {...}");
        }

        @Test
        void anAxisMethodDoesNotExist() {
            assertThat(errorOf(MissingMethod.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.MissingMethod#run] names method namespaces(),"
                    + " which MissingMethod does not have; add a static method namespaces()"
                    + " returning String[], List<String> or Stream<String>");
        }

        @Test
        void anAxisMethodIsNotStatic() {
            assertThat(errorOf(InstanceMethod.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.InstanceMethod#run] names method namespaces(),"
                    + " which is not static; make it static");
        }

        @Test
        void anAxisMethodReturnsTheWrongType() {
            assertThat(errorOf(WrongReturnType.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.WrongReturnType#run] names method namespaces(),"
                    + " which returns Integer; return String[], List<String> or Stream<String>");
        }

        @Test
        void anAxisMethodReturnsNothing() {
            assertThat(errorOf(VoidMethod.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.VoidMethod#run] names method namespaces(),"
                    + " which returns nothing; return String[], List<String> or Stream<String>");
        }

        @Test
        void anAxisMethodReturnsNoValues() {
            assertThat(errorOf(EmptyMethod.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.EmptyMethod#run] has no values:"
                    + " method namespaces() returned none; return at least one value");
        }

        @Test
        void anAxisMethodReturnsSomethingButStrings() {
            assertThat(errorOf(NonStringValues.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.NonStringValues#run] names method namespaces(),"
                    + " which returned 42 among its values; return only Strings");
        }

        @Test
        void anAxisMethodThrows() {
            assertThat(errorOf(ThrowingMethod.class)).isEqualTo(
                    "@Axis \"ns\" on [MatrixConfigurationTest.ThrowingMethod#run] names method namespaces(),"
                    + " which threw java.lang.IllegalStateException: no namespaces today;"
                    + " make it return the values");
        }

        @Test
        void anExclusionNamesAnUnknownAxis() {
            assertThat(errorOf(ExclusionOfUnknownAxis.class)).isEqualTo(
                    "@ExcludeCell pair \"mode=fast\" on [MatrixConfigurationTest.ExclusionOfUnknownAxis#run]"
                    + " names no axis of this matrix; use one of auth, transport");
        }

        @Test
        void anExclusionNamesAnUnknownValue() {
            assertThat(errorOf(ExclusionOfUnknownValue.class)).isEqualTo(
                    "@ExcludeCell pair \"auth=maybe\" on [MatrixConfigurationTest.ExclusionOfUnknownValue#run]"
                    + " names no value of axis \"auth\"; use one of on, off");
        }

        @Test
        void anExclusionPairIsMalformed() {
            assertThat(errorOf(MalformedExclusion.class)).isEqualTo(
                    "@ExcludeCell pair \"authoff\" on [MatrixConfigurationTest.MalformedExclusion#run]"
                    + " is not axis=value; write it like \"auth=off\"");
        }

        @Test
        void anExclusionHasNoPairs() {
            assertThat(errorOf(EmptyExclusion.class)).isEqualTo(
                    "@ExcludeCell on [MatrixConfigurationTest.EmptyExclusion#run] has no pairs;"
                    + " add pairs such as {\"auth=off\", \"transport=grpc\"}");
        }

        @Test
        void exclusionsRemoveEveryCell() {
            assertThat(errorOf(EverythingExcluded.class)).isEqualTo(
                    "@ExcludeCell on [MatrixConfigurationTest.EverythingExcluded#run] removes every cell;"
                    + " remove an exclusion or add values");
        }

        @Test
        void theShardIsNoShard() {
            for (String shard : List.of("0/4", "5/4", "2 of 4", "2/0", "x")) {
                assertThat(errorOf(Valid.class, "lattice.matrix.shard=" + shard)).isEqualTo(
                        "Configuration parameter lattice.matrix.shard=" + shard + " is not a shard;"
                        + " write k/n with 1 <= k <= n, such as 2/4 for the second of four");
            }
        }

        @Test
        void theFilterIsMalformed() {
            assertThat(errorOf(Valid.class, "lattice.matrix.filter=db=postgres,auth")).isEqualTo(
                    "Configuration parameter lattice.matrix.filter=db=postgres,auth has \"auth\", which is not"
                    + " axis=value; write it like db=postgres or db=postgres|mariadb,auth=on");
            assertThat(errorOf(Valid.class, "lattice.matrix.filter=db=postgres|")).startsWith(
                    "Configuration parameter lattice.matrix.filter=db=postgres| has \"db=postgres|\"");
        }

        @Test
        void theParallelismIsNoPositiveNumber() {
            for (String parallelism : List.of("0", "-1", "four")) {
                assertThat(errorOf(Valid.class, "lattice.matrix.parallelism=" + parallelism)).isEqualTo(
                        "Configuration parameter lattice.matrix.parallelism=" + parallelism + " is not a"
                        + " positive whole number; write the most cells to run at once, such as 4");
            }
        }

        @Test
        void aParameterHasNoResolver() {
            assertThat(errorOf(UnresolvedParameter.class)).isEqualTo(
                    "Parameter \"Integer port\" of [MatrixConfigurationTest.UnresolvedParameter#run] has no"
                    + " ParameterResolver; take a Cell and read the axis with cell.get(\"...\"),"
                    + " or register an extension that resolves Integer");
        }

        @Test
        void theNamePatternNamesNothing() {
            assertThat(errorOf(UnknownPlaceholder.class)).isEqualTo(
                    "@MatrixTest(name = \"{trasport} {index}\") on [MatrixConfigurationTest.UnknownPlaceholder#run]"
                    + " has {trasport}, which names nothing; use {cell}, {index}, {displayName}"
                    + " or an axis: {transport}");
        }

        @Test
        void theNamePatternIsBlank() {
            assertThat(errorOf(BlankName.class)).isEqualTo(
                    "@MatrixTest(name = \" \") on [MatrixConfigurationTest.BlankName#run] is blank;"
                    + " leave the default \"{cell}\" or use placeholders such as {index}");
        }

        /** The one problem reported for a fixture, checking the header that counts and places it. */
        private String errorOf(Class<?> fixture, String... configuration) {
            String message = EngineRun.of(fixture, configuration).configurationError();
            String header = "1 configuration error(s) in MatrixConfigurationTest." + fixture.getSimpleName()
                    + "#run:" + NL + "- ";
            assertThat(message).startsWith(header);
            return message.substring(header.length());
        }
    }

    static class ManyMistakes {
        @MatrixTest
        @Axis(name = "db")
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell("auth=maybe")
        void store(Cell cell, String name) {
        }
    }

    static class ResolvedElsewhere {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @ExtendWith(CellNameResolver.class)
        void run(Cell cell, String displayName, TestInfo info) {
            assertThat(displayName).isEqualTo(cell.toString());
        }
    }

    static class CellNameResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == String.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getDisplayName();
        }
    }

    static class Valid {
        @MatrixTest
        @Axis(name = "db", values = {"postgres", "mariadb"})
        void run(Cell cell) {
        }
    }

    static class NoAxes {
        @MatrixTest
        void run() {
        }
    }

    static class EmptyAxis {
        @MatrixTest
        @Axis(name = "db", values = {})
        void run() {
        }
    }

    static class NamelessAxis {
        @MatrixTest
        @Axis(name = " ", values = {"a"})
        void run() {
        }
    }

    static class DuplicateAxis {
        @MatrixTest
        @Axis(name = "db", values = {"pg"})
        @Axis(name = "db", values = {"maria"})
        void run() {
        }
    }

    static class DuplicateValue {
        @MatrixTest
        @Axis(name = "db", values = {"pg", "maria", "pg"})
        void run() {
        }
    }

    enum Nothing { }

    enum Database { POSTGRES }

    static class TwoSources {
        @MatrixTest
        @Axis(name = "db", values = {"pg"}, enumType = Database.class)
        void run() {
        }
    }

    static class EmptyEnum {
        @MatrixTest
        @Axis(name = "db", enumType = Nothing.class)
        void run() {
        }
    }

    static class MissingMethod {
        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class InstanceMethod {
        String[] namespaces() {
            return new String[] {"a"};
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class WrongReturnType {
        static Integer namespaces() {
            return 1;
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class VoidMethod {
        static void namespaces() {
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class EmptyMethod {
        static Stream<String> namespaces() {
            return Stream.empty();
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class NonStringValues {
        static List<Object> namespaces() {
            return List.of("a", 42);
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class ThrowingMethod {
        static String[] namespaces() {
            throw new IllegalStateException("no namespaces today");
        }

        @MatrixTest
        @Axis(name = "ns", method = "namespaces")
        void run() {
        }
    }

    static class ExclusionOfUnknownAxis {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @Axis(name = "transport", values = {"http", "grpc"})
        @ExcludeCell({"auth=on", "mode=fast"})
        void run() {
        }
    }

    static class ExclusionOfUnknownValue {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell("auth=maybe")
        void run() {
        }
    }

    static class MalformedExclusion {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell("authoff")
        void run() {
        }
    }

    static class EmptyExclusion {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell({})
        void run() {
        }
    }

    static class EverythingExcluded {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        @ExcludeCell("auth=on")
        @ExcludeCell("auth=off")
        void run() {
        }
    }

    static class UnresolvedParameter {
        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        void run(Cell cell, Integer port) {
        }
    }

    static class UnknownPlaceholder {
        @MatrixTest(name = "{trasport} {index}")
        @Axis(name = "transport", values = {"http", "grpc"})
        void run() {
        }
    }

    static class BlankName {
        @MatrixTest(name = " ")
        @Axis(name = "transport", values = {"http", "grpc"})
        void run() {
        }
    }
}
