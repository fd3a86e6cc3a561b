package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A name under {@code lattice.} that no setting has, and a registry cache setting without the registry, fail the run
 * before anything of it starts, each named with the fix, every one at once; the right names run. Real runs of the
 * Jupiter engine through the launcher's discovery (which records the run's parameter names), against the real engine.
 */
class SettingNamesTest {

    private static final String NL = System.lineSeparator();
    private static final String OWN = " (a name of your own needs to be outside lattice.)";
    static final AtomicInteger DECLARED = new AtomicInteger();
    private static final String REGISTRY = "lattice.cache.registry=127.0.0.1:5000/lattice-test/settings";

    @Test
    void aMisspelledRegistryModeFailsTheRunBeforeAnyPipelineIsDeclared() {
        DECLARED.set(0);
        EngineRun run = EngineRun.of(PipelineUser.class, REGISTRY, "lattice.cache.registry.mdoe=read");

        assertThat(run.configurationError()).isEqualTo("Configuration error: Configuration parameter"
                + " lattice.cache.registry.mdoe is not a Lattice setting, so nothing reads it; did you mean"
                + " \"lattice.cache.registry.mode\"? fix the name, or remove it" + OWN);
        assertThat(run.results().testEvents().started().count()).as("tests started").isZero();
        assertThat(DECLARED).as("pipeline declarations").hasValue(0);
    }

    @Test
    void theRightNameRuns() {
        EngineRun run = EngineRun.of(PipelineUser.class, REGISTRY, "lattice.cache.registry.mode=read");

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.results().containerEvents().failed().count()).isZero();
        assertThat(run.passedCells()).containsExactly("usesTheImage(Image)");
    }

    @Test
    void everyProblemOfTheSettingsIsNamedAtOnce() {
        DECLARED.set(0);
        EngineRun run = EngineRun.of(PipelineUser.class, "lattice.cache.regsitry=127.0.0.1:5000/lattice-test/settings",
                "lattice.cache.registry.mode=read", "lattice.cache.registry.required=true",
                "lattice.cache.prune.keep-last=0");

        assertThat(run.configurationError()).isEqualTo("3 configuration error(s) in the run's settings:" + NL
                + "- Configuration parameter lattice.cache.regsitry is not a Lattice setting, so nothing reads it;"
                + " did you mean \"lattice.cache.registry\"? fix the name, or remove it" + OWN + NL
                + "- Registry cache settings: lattice.cache.registry.mode=read and lattice.cache.registry.required=true"
                + " are set but lattice.cache.registry is not, so no registry cache is used; set"
                + " lattice.cache.registry=HOST[:PORT]/PREFIX to use one, or remove lattice.cache.registry.mode and"
                + " lattice.cache.registry.required" + NL
                + "- Cache prune settings: lattice.cache.prune.keep-last: 0 is not a whole number of solves, 1 or"
                + " more, such as 3");
        assertThat(run.results().testEvents().started().count()).as("tests started").isZero();
        assertThat(DECLARED).as("pipeline declarations").hasValue(0);
    }

    @Test
    void wrongValuesOfTheEnginesSettingsAreNamedAtOnceFromConfigurationParametersToo() {
        DECLARED.set(0);
        EngineRun run = EngineRun.of(PipelineUser.class, "lattice.exec.timeout=ten minutes", "lattice.explain=yes");

        assertThat(run.configurationError()).isEqualTo("2 configuration error(s) in the run's settings:" + NL
                + "- lattice.exec.timeout=ten minutes is not a positive duration; give seconds (600) or an ISO-8601"
                + " duration (PT10M)" + NL
                + "- lattice.explain=yes is neither true nor false; give lattice.explain=true or leave it unset");
        assertThat(run.results().testEvents().started().count()).as("tests started").isZero();
        assertThat(DECLARED).as("pipeline declarations").hasValue(0);
    }

    @Test
    void theSettingsProblemsComeWithTheClasssDeclarationProblems() {
        EngineRun run = EngineRun.of(NotStaticPipeline.class, "lattice.matrix.shrad=1/2");

        assertThat(run.configurationError()).isEqualTo("2 configuration error(s) in"
                + " SettingNamesTest.NotStaticPipeline:" + NL
                + "- @PipelineContainer \"tool\" on NotStaticPipeline#tool() is not static; make it static, since"
                + " pipelines are shared by the whole test run" + NL
                + "- Configuration parameter lattice.matrix.shrad is not a Lattice setting, so nothing reads it; did"
                + " you mean \"lattice.matrix.shard\"? fix the name, or remove it" + OWN);
    }

    @Test
    void aRegistrySettingWithoutTheRegistryFailsTheRun() {
        EngineRun run = EngineRun.of(PipelineUser.class, "lattice.cache.registry.mode=read");

        assertThat(run.configurationError()).isEqualTo("Configuration error: Registry cache settings:"
                + " lattice.cache.registry.mode=read is set but lattice.cache.registry is not, so no registry cache is"
                + " used; set lattice.cache.registry=HOST[:PORT]/PREFIX to use one, or remove"
                + " lattice.cache.registry.mode");
        assertThat(run.results().testEvents().started().count()).as("tests started").isZero();
    }

    @Test
    void aMisspelledShardFailsAMatrixWithoutLatticeBeforeAnyCell() {
        EngineRun run = EngineRun.of(PlainMatrix.class, "lattice.matrix.shrad=2/2");

        assertThat(run.configurationError()).isEqualTo("1 configuration error(s) in SettingNamesTest.PlainMatrix#run:"
                + NL + "- Configuration parameter lattice.matrix.shrad is not a Lattice setting, so nothing reads it;"
                + " did you mean \"lattice.matrix.shard\"? fix the name, or remove it" + OWN);
        assertThat(run.passedCells()).isEmpty();
        assertThat(run.skippedCells()).isEmpty();
    }

    @Test
    void theRightShardRunsItsShare() {
        EngineRun run = EngineRun.of(PlainMatrix.class, "lattice.matrix.shard=2/2");

        assertThat(run.results().containerEvents().failed().count()).isZero();
        assertThat(run.skippedCells()).allMatch(skipped -> skipped.endsWith(", this run is 2/2"));
        assertThat(run.passedCells().size() + run.skippedCells().size()).isEqualTo(4);
    }

    @Test
    void aNameFarFromEverySettingIsToldTheSettingsOfItsGroup() {
        EngineRun run = EngineRun.of(PlainMatrix.class, "lattice.matrix.cells=4");

        assertThat(run.configurationError()).endsWith("- Configuration parameter lattice.matrix.cells is not a Lattice"
                + " setting, so nothing reads it; the settings under lattice.matrix are lattice.matrix.filter,"
                + " lattice.matrix.parallelism, lattice.matrix.shard; fix the name, or remove it" + OWN);
    }

    @Test
    void aLauncherRunNamesAMisspelledSystemPropertyAndParameterAsSuch() throws Exception {
        DECLARED.set(0);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-D" + REGISTRY, "-Dlattice.cache.registry.mdoe=read", LauncherRun.class.getName(),
                "lattice.report.enabeld=false")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).as("the launcher run's output").contains("failed SettingNamesTest$PipelineUser:"
                + " 2 configuration error(s) in the run's settings:" + NL
                + "- Configuration parameter lattice.report.enabeld is not a Lattice setting, so nothing reads it;"
                + " did you mean \"lattice.report.enabled\"? fix the name, or remove it" + OWN + NL
                + "- System property lattice.cache.registry.mdoe is not a Lattice setting, so nothing reads it;"
                + " did you mean \"lattice.cache.registry.mode\"? fix the name, or remove it" + OWN + NL
                + "tests started: 0, pipelines declared: 0");
    }

    @Test
    void aSettingGivenWhereItsReaderDoesNotLookIsNamedWithWhereItIsRead() throws Exception {
        DECLARED.set(0);
        ProcessBuilder launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LauncherRun.class.getName(), "lattice.cache.dir=/tmp/x")
                .redirectErrorStream(true);
        launcher.environment().put("LATTICE_MATRIX_SHARD", "2/4");
        launcher.environment().put("LATTICE_MATRIX_SHRAD", "2/4");
        Process process = launcher.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).as("the launcher run's output").contains("failed SettingNamesTest$PipelineUser:"
                + " 3 configuration error(s) in the run's settings:" + NL
                + "- Configuration parameter lattice.cache.dir is not read: Lattice reads lattice.cache.dir only as a"
                + " system property; give it as -Dlattice.cache.dir=..., or remove it" + NL
                + "- Environment variable LATTICE_MATRIX_SHARD is not read: Lattice reads lattice.matrix.shard only as"
                + " a configuration parameter or a system property; give it as -Dlattice.matrix.shard=... or in"
                + " junit-platform.properties, or unset it" + NL
                + "- Environment variable LATTICE_MATRIX_SHRAD is not a Lattice setting, so nothing reads it; did you"
                + " mean lattice.matrix.shard? it is read as a configuration parameter or a system property, not from"
                + " the environment; fix the name, or unset it" + NL
                + "tests started: 0, pipelines declared: 0");
    }

    /**
     * A run of the JUnit launcher as build tools start it (its discovery listeners found on the class path), with the
     * configuration parameters its arguments give ({@code name=value}); prints each failure and what started.
     */
    static final class LauncherRun {
        public static void main(String[] args) {
            Map<String, String> parameters = new java.util.HashMap<>();
            for (String parameter : args) {
                parameters.put(parameter.substring(0, parameter.indexOf('=')),
                        parameter.substring(parameter.indexOf('=') + 1));
            }
            AtomicInteger started = new AtomicInteger();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(PipelineUser.class))
                    .configurationParameters(parameters)
                    .build(), new TestExecutionListener() {
                        @Override
                        public void executionStarted(TestIdentifier test) {
                            if (test.isTest()) {
                                started.incrementAndGet();
                            }
                        }

                        @Override
                        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                            result.getThrowable().ifPresent(failure -> System.out.println(
                                    "failed " + test.getDisplayName() + ": " + failure.getMessage()));
                        }
                    });
            System.out.println("tests started: " + started + ", pipelines declared: " + DECLARED);
        }
    }

    /** A test of a pipeline, which counts the pipeline's declarations: the first thing a run does with it. */
    @Lattice
    static class PipelineUser {
        @Test
        void usesTheImage(@PipelineContainer("tool") Image image) {
            assertThat(image.id()).startsWith("sha256:");
        }

        @PipelineContainer
        static Container tool() {
            DECLARED.incrementAndGet();
            return Container.from("debian:bookworm-slim").withExec("sh", "-c", "echo settings > /stamp");
        }
    }

    @Lattice
    static class NotStaticPipeline {
        @Test
        void never() {
        }

        @PipelineContainer
        Container tool() {
            return Container.from("debian:bookworm-slim");
        }
    }

    static class PlainMatrix {
        @MatrixTest
        @Axis(name = "n", values = {"1", "2", "3", "4"})
        void run(Cell cell) {
            assertThat(List.of("1", "2", "3", "4")).contains(cell.get("n"));
        }
    }
}
