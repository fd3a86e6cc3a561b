package dev.lattice.engine;

import dev.lattice.engine.internal.CachePruner;
import dev.lattice.engine.internal.DockerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.lattice.engine.RegistryCacheEnvironment.ENGINE_B;
import static dev.lattice.engine.RegistryCacheEnvironment.OPEN_REGISTRY;
import static dev.lattice.engine.RegistryCacheEnvironment.engineB;
import static dev.lattice.engine.RegistryCacheEnvironment.engineBDocker;
import static dev.lattice.engine.RegistryCacheEnvironment.hasEntry;
import static dev.lattice.engine.RegistryCacheEnvironment.parameters;
import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two CI runners sharing a build cache through a registry: engine A (this machine's engine) builds and pushes, engine
 * B (a second, empty engine) pulls what A built instead of building it.
 */
class RegistryCacheTest {

    @TempDir
    Path stateDir;

    private final String location = OPEN_REGISTRY + "/" + RegistryCacheEnvironment.prefix();
    private final String nonce = TestEngines.nonce();
    private final String volumePrefix = "lattice-cache-rc-" + nonce.substring(0, 8);
    private final Set<String> runs = new HashSet<>();
    private final List<Engine> engines = new java.util.ArrayList<>();

    @BeforeAll
    static void realParts() {
        RegistryCacheEnvironment.require();
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        for (Engine engine : engines) {
            try {
                engine.close();
            } catch (RuntimeException reportedByTheTest) {
                // The test asserted on it already.
            }
        }
        RegistryCacheEnvironment.removeFrom(TestEngines.docker(), runs, volumePrefix);
        RegistryCacheEnvironment.removeFrom(engineBDocker(), runs, volumePrefix);
    }

    private Engine engineA(String... settings) {
        return track(TestEngines.builder(stateDir.resolve("a" + engines.size()))
                .configurationParameters(parameters(location, settings)).build());
    }

    private Engine engineOnB(String... settings) {
        return track(engineB(stateDir.resolve("b" + engines.size()))
                .configurationParameters(parameters(location, settings)).build());
    }

    private Engine track(Engine engine) {
        engines.add(engine);
        runs.add(engine.runLabels().runId());
        return engine;
    }

    /** Three steps: 20 MB that does not compress, a step on it, and a final image setting. */
    private Container pipeline(String lastExec) {
        return Container.from(BASE)
                .withExec("sh", "-c", "head -c 20000000 /dev/urandom > /blob; echo " + nonce + " > /stamp")
                .withExec("sh", "-c", lastExec)
                .withEnv("STAGE", "final");
    }

    @Test
    void aPipelineBuiltOnAIsPulledNotBuiltOnB() throws Exception {
        Engine a = engineA();
        long started = System.nanoTime();
        Image onA = a.solve("shared", pipeline("md5sum /blob > /blob.md5"));
        long built = System.nanoTime();
        a.close(); // waits for the pushes
        long pushed = System.nanoTime();
        SolveReport onAReport = a.lastReport("shared");
        assertThat(onAReport.count(StepStatus.BUILT)).isEqualTo(3);
        for (SolveReport.StepReport step : onAReport.steps()) {
            assertThat(hasEntry(location, "step", step.cacheKey())).as("registry has step %d", step.index()).isTrue();
        }

        Engine b = engineOnB();
        Image onB = b.solve("shared", pipeline("md5sum /blob > /blob.md5"));
        long pulled = System.nanoTime();
        SolveReport report = b.lastReport("shared");

        assertThat(report.steps()).extracting(SolveReport.StepReport::status)
                .containsExactly(StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.PULLED);
        assertThat(report.format()).contains("3/3 PULLED  ENV STAGE=final");
        assertThat(onB.id()).as("the same image, by content").isEqualTo(onA.id());
        assertThat(new String(b.readFile("shared", pipeline("md5sum /blob > /blob.md5"), "/stamp"),
                StandardCharsets.UTF_8).strip()).isEqualTo(nonce);
        System.out.printf("registry cache timings: A build %d ms, A push wait at close %d ms, B lookup+pull %d ms%n",
                (built - started) / 1_000_000, (pushed - built) / 1_000_000, (pulled - pushed) / 1_000_000);

        // The pulled image is a local entry now: the next run on B that only reads finds it without asking the
        // registry, so a registry that is down, even a required one, does not matter to it.
        Engine bAgain = track(engineB(stateDir.resolve("b-again")).configurationParameters(parameters(
                "127.0.0.1:5999/" + RegistryCacheEnvironment.prefix(), "lattice.cache.registry.required", "true",
                "lattice.cache.registry.mode", "read")).build());
        bAgain.solve("shared", pipeline("md5sum /blob > /blob.md5"));
        bAgain.close();
        assertThat(bAgain.lastReport("shared").format()).contains("3/3 LOCAL   ENV STAGE=final");

        // Prune knows the pulled entry as a cache entry (it carries the labels of the run that built it).
        b.close();
        String finalKey = report.steps().get(2).cacheKey();
        PruneResult pruned = new CachePruner(engineBDocker(), DockerConnection.connect(ENGINE_B).engineId(),
                stateDir.resolve("prune"), Map.of(RunLabels.RUN, a.runLabels().runId()))
                .prune(PrunePolicy.unusedFor(Duration.ofDays(1000)).withSizeBudget(0));
        assertThat(pruned.removedImages()).contains("lattice-cache/step:" + finalKey);
    }

    @Test
    void twoEnginesOfOneHostAreToldApart() {
        // Docker 20.10 gives both the same id (from the host's trust key); their image stores are separate.
        assertThat(DockerConnection.connect(ENGINE_B).engineId())
                .isNotEqualTo(DockerConnection.testcontainersConnection().engineId());
    }

    @Test
    void anEditedInputBuildsOnlyTheChangedStepsOnB() {
        Engine a = engineA();
        a.solve("edited", pipeline("md5sum /blob > /blob.md5"));
        a.close();

        Engine b = engineOnB();
        Image edited = b.solve("edited", pipeline("sha1sum /blob > /blob.sha1"));
        SolveReport report = b.lastReport("edited");

        assertThat(report.steps()).extracting(SolveReport.StepReport::status)
                .containsExactly(StepStatus.PULLED, StepStatus.BUILT, StepStatus.BUILT);
        assertThat(b.readFile("edited", Container.from(edited.id()), "/blob.sha1")).isNotEmpty();
    }

    @Test
    void aCacheVolumeFilledOnAIsPresentOnBBeforeItsFirstExec() {
        CacheVolume cache = CacheVolume.named("rc-" + nonce.substring(0, 8));
        Engine a = engineA();
        a.solve("fills", Container.from(BASE).withMountedCache("/cache", cache)
                .withExec("sh", "-c", "echo " + nonce + " > /cache/marker; mkdir -p /cache/sub; echo x > /cache/sub/f"));
        a.close(); // exports the volume the run's exec filled
        assertThat(engineBDocker().listVolumesCmd().exec().getVolumes())
                .extracting(volume -> volume.getName()).doesNotContain(cache.volumeName());

        Engine b = engineOnB();
        Container reader = Container.from(BASE).withMountedCache("/cache", cache)
                .withExec("sh", "-c", "cat /cache/marker /cache/sub/f > /seen");

        assertThat(new String(b.readFile("reads", reader, "/seen"), StandardCharsets.UTF_8))
                .isEqualTo(nonce + "\nx\n");
        assertThat(engineBDocker().inspectVolumeCmd(cache.volumeName()).exec().getLabels())
                .containsEntry(RunLabels.KIND, "cache-volume").containsEntry(RunLabels.RUN, b.runLabels().runId());
    }

    @Test
    void aCacheVolumeLargerThanTheBoundIsNotExported() throws Exception {
        CacheVolume cache = CacheVolume.named("rc-" + nonce.substring(0, 8) + "-big");
        Engine a = engineA("lattice.cache.registry.volume-max-mb", "1");
        a.solve("big", Container.from(BASE).withMountedCache("/cache", cache)
                .withExec("sh", "-c", "head -c 2000000 /dev/urandom > /cache/two-megabytes; echo " + nonce));
        a.close();

        assertThat(hasEntry(location, "step", a.lastReport("big").steps().get(0).cacheKey())).isTrue();
        assertThat(hasEntry(location, "volume", cache.volumeName())).as("volume exported").isFalse();
    }

    @Test
    void pushesThatDoNotFinishWithinThePushTimeLimitFailTheRunLoudly() {
        Engine a = track(TestEngines.builder(stateDir.resolve("slow")).pushTimeout(Duration.ofMillis(1))
                .configurationParameters(parameters(location)).build());
        a.solve("slow", pipeline("md5sum /blob > /blob.md5"));

        assertThatThrownBy(a::close).isInstanceOf(LatticeException.class)
                .hasMessage("3 pushes to the registry cache " + location + " did not finish within the push time limit"
                        + " of 1ms; check that the registry answers, or raise it with Engine.builder().pushTimeout(...)"
                        + " or -Dlattice.push.timeout=<seconds or ISO-8601 duration>");
    }

    @Test
    void aRunOnAWarmEngineFillsAnEmptyRegistryButNotInReadMode() throws Exception {
        Engine alone = track(TestEngines.builder(stateDir.resolve("alone")).build());
        alone.solve("warm", pipeline("md5sum /blob > /blob.md5"));
        alone.close();
        List<String> keys = alone.lastReport("warm").steps().stream().map(SolveReport.StepReport::cacheKey).toList();

        Engine reading = engineA("lattice.cache.registry.mode", "read");
        reading.solve("warm", pipeline("md5sum /blob > /blob.md5"));
        reading.close();
        assertThat(reading.lastReport("warm").count(StepStatus.CACHED)).isEqualTo(3);
        for (String key : keys) {
            assertThat(hasEntry(location, "step", key)).as("read mode pushed %s", key).isFalse();
        }

        Engine writing = engineA();
        writing.solve("warm", pipeline("md5sum /blob > /blob.md5"));
        writing.close(); // waits for the pushes of the local entries
        assertThat(writing.lastReport("warm").count(StepStatus.CACHED)).isEqualTo(3);
        for (String key : keys) {
            assertThat(hasEntry(location, "step", key)).as("registry has %s", key).isTrue();
        }

        // A step the registry lost (a push that failed, a registry's clean-up) under one it has is filled again.
        RegistryCacheEnvironment.removeEntry(location, "step", keys.get(1));
        Engine again = engineA();
        again.solve("warm", pipeline("md5sum /blob > /blob.md5"));
        again.close();
        assertThat(hasEntry(location, "step", keys.get(1))).as("the lost step pushed again").isTrue();

        Engine b = engineOnB();
        b.solve("warm", pipeline("md5sum /blob > /blob.md5"));
        assertThat(b.lastReport("warm").steps()).extracting(SolveReport.StepReport::status)
                .containsExactly(StepStatus.SKIPPED, StepStatus.SKIPPED, StepStatus.PULLED);
        // An edit on B finds the step below it in the registry too: the warm run pushed every step, not the last.
        b.solve("warm-edited", pipeline("sha1sum /blob > /blob.sha1"));
        assertThat(b.lastReport("warm-edited").steps()).extracting(SolveReport.StepReport::status)
                .containsExactly(StepStatus.PULLED, StepStatus.BUILT, StepStatus.BUILT);
    }

    @Test
    void aRequiredRegistryThatIsDownFailsEverySolveNotOnlyTheFirst() {
        String down = "127.0.0.1:5999/" + RegistryCacheEnvironment.prefix();
        Engine a = track(TestEngines.builder(stateDir.resolve("down")).configurationParameters(parameters(down,
                "lattice.cache.registry.required", "true")).build());
        String expected = "; it is required (lattice.cache.registry.required=true): start it, or fix"
                + " lattice.cache.registry";

        assertThatThrownBy(() -> a.solve("first", pipeline("md5sum /blob > /blob.md5")))
                .isInstanceOf(LatticeException.class).hasMessageStartingWith("The registry cache " + down
                        + " does not answer (nothing accepted a connection at http://127.0.0.1:5999)")
                .hasMessageEndingWith(expected);
        assertThatThrownBy(() -> a.solve("second", pipeline("sha1sum /blob > /blob.sha1")))
                .isInstanceOf(LatticeException.class).hasMessageEndingWith(expected);
    }

    @Test
    void readModePullsButNeverPushes() throws Exception {
        Engine a = engineA();
        a.solve("read", pipeline("md5sum /blob > /blob.md5"));
        a.close();

        Engine b = engineOnB("lattice.cache.registry.mode", "read");
        b.solve("read", pipeline("wc -c /blob > /blob.size"));
        b.close();
        SolveReport report = b.lastReport("read");

        assertThat(report.steps()).extracting(SolveReport.StepReport::status)
                .containsExactly(StepStatus.PULLED, StepStatus.BUILT, StepStatus.BUILT);
        assertThat(hasEntry(location, "step", report.steps().get(1).cacheKey())).as("built in read mode, pushed")
                .isFalse();
        assertThat(hasEntry(location, "step", report.steps().get(2).cacheKey())).isFalse();
    }
}
