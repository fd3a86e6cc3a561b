package dev.lattice.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** A keyed cache volume survives runs and gets a new name when its key file changes. */
class CacheVolumeTest {

    @TempDir
    static Path stateDir;
    @TempDir
    static Path project;

    static Engine engine;
    static String name = "test-" + TestEngines.nonce().substring(0, 8);

    @BeforeAll
    static void connect() {
        engine = TestEngines.builder(stateDir).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
        TestEngines.docker().listVolumesCmd().exec().getVolumes().stream()
                .filter(volume -> volume.getName().startsWith("lattice-cache-" + name))
                .forEach(volume -> TestEngines.docker().removeVolumeCmd(volume.getName()).exec());
    }

    private static Container appending(CacheVolume cache) {
        return Container.from(BASE)
                .withMountedCache("/cache", cache)
                .withExec(List.of("sh", "-c", "echo run >> /cache/log; wc -l < /cache/log"),
                        ExecOptions.defaults().withCachePolicy(CachePolicy.VOLATILE));
    }

    @Test
    void keyedVolumeSurvivesRunsAndChangesNameWithItsKeyFile() throws Exception {
        Path keyFile = project.resolve("deps.lock");
        Files.writeString(keyFile, "a=1\n");
        CacheVolume cache = CacheVolume.named(name).keyedBy(Host.file(keyFile.toString()));
        String firstName = cache.volumeName();
        assertThat(firstName).matches("lattice-cache-" + name + "-[0-9a-f]{12}");

        assertThat(engine.stdout("volume", appending(cache)).trim()).isEqualTo("1");
        try (Engine nextRun = TestEngines.builder(stateDir).build()) {
            assertThat(nextRun.stdout("volume", appending(cache)).trim()).isEqualTo("2");
            TestEngines.removeRunImages(nextRun);
        }
        assertThat(TestEngines.docker().inspectVolumeCmd(firstName).exec().getLabels())
                .containsEntry(RunLabels.KIND, "cache-volume");
        assertThat(engine.solve("image-has-no-cache", appending(cache)).id()).isNotNull();

        Files.writeString(keyFile, "a=2\n");
        CacheVolume changed = CacheVolume.named(name).keyedBy(Host.file(keyFile.toString()));
        assertThat(changed.volumeName()).isNotEqualTo(firstName);
        assertThat(engine.stdout("volume", appending(changed)).trim()).isEqualTo("1");
    }

    @Test
    void aNewVolumeStartsWithTheImageFilesAtItsPathAndThenKeepsItsOwn() {
        CacheVolume cache = CacheVolume.named(name + "-seeded");
        Container first = Container.from(BASE)
                .withEnv("NONCE", TestEngines.nonce())
                .withFile("/cache/first.txt", File.of("first.txt", "one".getBytes(StandardCharsets.UTF_8), 0644))
                .withMountedCache("/cache", cache)
                .withExec("sh", "-c", "ls /cache");
        Container second = Container.from(BASE)
                .withEnv("NONCE", TestEngines.nonce())
                .withFile("/cache/second.txt", File.of("second.txt", "two".getBytes(StandardCharsets.UTF_8), 0644))
                .withMountedCache("/cache", cache)
                .withExec("sh", "-c", "ls /cache");

        assertThat(engine.stdout("seeded-cache", first).lines()).containsExactly("first.txt");
        // The volume is no longer empty: the second image's file stays hidden under it.
        assertThat(engine.stdout("seeded-cache", second).lines()).containsExactly("first.txt");
    }

    @Test
    void aFileCopiedUnderACachePathStaysInTheImageWhileExecsSeeTheVolume() {
        Container container = Container.from(BASE)
                .withEnv("NONCE", TestEngines.nonce())
                .withMountedCache("/cache", CacheVolume.named(name + "-under"))
                .withFile("/cache/seed.txt", File.of("seed.txt", "seed".getBytes(StandardCharsets.UTF_8), 0644))
                .withExec("sh", "-c", "echo ran");

        // The copy is a layer of the image; the cache volume covers /cache only while execs run.
        assertThat(new String(engine.readFile("under-cache", container, "/cache/seed.txt"), StandardCharsets.UTF_8))
                .isEqualTo("seed");
    }
}
