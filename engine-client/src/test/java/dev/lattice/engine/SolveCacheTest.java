package dev.lattice.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Content-addressed caching: cold, warm, touched and edited inputs. */
class SolveCacheTest {

    @TempDir
    static Path stateDir;
    @TempDir
    static Path source;

    static RecordingListener listener = new RecordingListener();
    static Engine engine;

    @BeforeAll
    static void connect() {
        engine = TestEngines.builder(stateDir).listener(listener).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
    }

    private static Container pipeline(String nonce) {
        return Container.from(BASE)
                .withEnv("NONCE", nonce)
                .withExec("sh", "-c", "echo base > /base.txt")
                .withWorkdir("/src")
                .withDirectory(".", Host.directory(source.toString()).exclude("ignored/**"))
                .withExec("sh", "-c", "cat /src/main.txt > /out.txt && echo built")
                .withExec("sh", "-c", "wc -c < /out.txt | tee /size.txt")
                .withEntrypoint("cat")
                .withDefaultArgs("/out.txt");
    }

    @Test
    void warmSolveStartsNoContainerTouchKeepsTheCacheAndAnEditRebuildsOnlyDownstream() throws Exception {
        Files.writeString(source.resolve("main.txt"), "hello");
        Files.createDirectories(source.resolve("ignored"));
        Files.writeString(source.resolve("ignored/noise.txt"), "noise");
        String nonce = TestEngines.nonce();

        Image cold = engine.solve("cache", pipeline(nonce));
        assertThat(engine.lastReport("cache").count(StepStatus.BUILT)).isEqualTo(5);
        assertThat(new String(engine.readFile("cache", pipeline(nonce), "/out.txt"), StandardCharsets.UTF_8))
                .isEqualTo("hello");
        assertThat(engine.stdout("cache", pipeline(nonce)).trim()).isEqualTo("5");
        var config = TestEngines.docker().inspectImageCmd(cold.id()).exec().getConfig();
        assertThat(config.getEntrypoint()).containsExactly("cat");
        assertThat(config.getCmd()).containsExactly("/out.txt");
        assertThat(config.getEnv()).contains("NONCE=" + nonce);

        Instant warmStart = Instant.now();
        listener.clear();
        Image warm = engine.solve("cache", pipeline(nonce));
        assertThat(warm).isEqualTo(cold);
        assertThat(listener.count("started")).isZero();
        assertThat(TestEngines.containerCreatesSince(engine, warmStart)).isZero();

        Files.setLastModifiedTime(source.resolve("main.txt"), FileTime.from(Instant.now().plusSeconds(60)));
        Files.writeString(source.resolve("ignored/noise.txt"), "other noise");
        assertThat(engine.solve("cache", pipeline(nonce))).isEqualTo(cold);
        assertThat(engine.lastReport("cache").count(StepStatus.BUILT)).isZero();

        Files.writeString(source.resolve("main.txt"), "hello, world");
        listener.clear();
        Image edited = engine.solve("cache", pipeline(nonce));
        SolveReport report = engine.lastReport("cache");
        assertThat(edited.id()).isNotEqualTo(cold.id());
        assertThat(report.steps()).extracting(SolveReport.StepReport::status).containsExactly(
                StepStatus.CACHED, StepStatus.BUILT, StepStatus.BUILT, StepStatus.BUILT, StepStatus.BUILT);
        assertThat(report.steps().get(1).changes()).containsExactly("file main.txt changed");
        assertThat(report.steps().get(2).changes()).containsExactly("parent changed (step 2)");
        assertThat(listener.count("started", "RUN sh -c echo base")).isZero();
        assertThat(engine.stdout("cache", pipeline(nonce)).trim()).isEqualTo("12");
        System.out.println(report.format());
    }

    @Test
    void aCopyBuiltAheadOfAnExecIsCachedWithItsOwnFilesAndConfiguration(@TempDir Path project) throws Exception {
        Files.writeString(project.resolve("main.txt"), "copied");
        Container copied = Container.from(BASE)
                .withEnv("NONCE", TestEngines.nonce())
                .withWorkdir("/src")
                .withDirectory(".", Host.directory(project.toString()));

        // The exec runs in a container that received the copy while the copy's own layer was committed.
        assertThat(engine.stdout("copy-then-exec", copied.withExec("sh", "-c", "cat main.txt; touch /ran")))
                .isEqualTo("copied");

        listener.clear();
        Image alone = engine.solve("copy-alone", copied);
        assertThat(listener.count("started")).isZero();
        var config = TestEngines.docker().inspectImageCmd(alone.id()).exec().getConfig();
        var baseConfig = TestEngines.docker().inspectImageCmd(BASE).exec().getConfig();
        assertThat(config.getWorkingDir()).isEqualTo("/src");
        assertThat(config.getEntrypoint()).isNullOrEmpty();
        assertThat(baseConfig.getEntrypoint()).isNullOrEmpty();
        assertThat(config.getCmd()).isEqualTo(baseConfig.getCmd());
        assertThat(new String(engine.readFile("copy-alone", copied, "/src/main.txt"), StandardCharsets.UTF_8))
                .isEqualTo("copied");
        assertThat(engine.stdout("copy-alone", copied.withExec("sh", "-c", "test -e /ran && echo dirty || echo clean")))
                .isEqualTo("clean\n");
    }

    @Test
    void aStepStartsWithoutProcessesLeftByThePreviousStep() {
        Container container = Container.from(BASE)
                .withExec("sh", "-c", "echo " + TestEngines.nonce() + "; (sleep 30 &) ; true")
                .withExec("sh", "-c", "cat /proc/[0-9]*/comm 2>/dev/null | grep -c '^sleep$'");

        // Only the engine's own keep-alive sleep may run; the previous step's background sleep must not.
        assertThat(engine.stdout("fresh", container).trim()).isEqualTo("1");
    }
}
