package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A distributable image takes its binary and data out of a build container. */
@ExtendWith(ClassEngine.class)
class FilesAcrossContainersTest {

    @Test
    void fileAndDirectoryOfOneContainerAreCopiedIntoAnother(Engine engine) {
        String nonce = TestEngines.nonce();
        Container build = Container.from(BASE)
                .withExec("sh", "-c", "mkdir -p /out/lib /out/tmp && printf '#!/bin/sh\\necho app-" + nonce
                        + "\\n' > /out/app && chmod 755 /out/app && echo lib > /out/lib/a.txt && echo tmp > /out/tmp/b.txt");
        Container dist = Container.from(BASE)
                .withFile("/usr/local/bin/app", build.file("/out/app"))
                .withDirectory("/opt/data", build.directory("/out").exclude("tmp/**"))
                .withFile("/etc/app.conf", File.of("app.conf", "mode=test\n".getBytes(StandardCharsets.UTF_8), 0600))
                .withExec("sh", "-c", "app; stat -c %a /usr/local/bin/app /etc/app.conf; ls /opt/data; test ! -e /opt/data/tmp/b.txt && echo no-tmp")
                .withEntrypoint("app");

        assertThat(engine.stdout("dist", dist).lines().toList())
                .containsExactly("app-" + nonce, "755", "600", "app", "lib", "no-tmp");
        assertThat(new String(engine.readFile("dist", dist, "/opt/data/lib/a.txt"), StandardCharsets.UTF_8)).isEqualTo("lib\n");
        Image image = engine.solve("dist", dist);
        assertThat(TestEngines.docker().inspectImageCmd(image.id()).exec().getConfig().getEntrypoint()).containsExactly("app");
        assertThat(image.reference()).startsWith("lattice/engine-client/dist:");
    }

    @Test
    void aCopyTakesTheImageFilesNotWhatIsMountedIntoTheSourceWhileItRuns(@TempDir Path stateDir) {
        String nonce = TestEngines.nonce();
        CacheVolume cache = CacheVolume.named("copy-source-" + nonce.substring(0, 8));
        Container source = Container.from(BASE).withEnv("NONCE", nonce)
                .withMountedCache("/cache", cache)
                .withExec("sh", "-c", "echo in-volume > /cache/v.txt && mkdir -p /data && echo in-image > /data/i.txt");
        Container target = Container.from(BASE)
                .withDirectory("/from-cache", source.directory("/cache"))
                .withDirectory("/from-etc", source.directory("/etc"))
                .withDirectory("/from-data", source.directory("/data"));
        // An engine of its own: the cache volume can go once the engine's containers are gone.
        Engine engine = TestEngines.builder(stateDir).build();
        try {
            // The cache volume and the engine's /etc/hostname are mounted into the running source, not in its image.
            assertThat(engine.readDirectory("copy-image-files", target, "/from-cache")).isEmpty();
            assertThat(engine.readFile("copy-image-files", target, "/from-etc/hostname"))
                    .isEqualTo(engine.readFile("base-files", Container.from(BASE), "/etc/hostname"));
            assertThat(engine.readFile("copy-image-files", target, "/from-data/i.txt"))
                    .isEqualTo("in-image\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            TestEngines.removeRunImages(engine);
            TestEngines.docker().removeVolumeCmd(cache.volumeName()).exec();
        }
    }

    @Test
    void aDirectoryIsReadInOneRequestWithPathsRelativeToIt(Engine engine) {
        String nonce = TestEngines.nonce();
        Container outputs = Container.from(BASE).withExec("sh", "-c", "mkdir -p /out/sub /out/empty && echo " + nonce
                + " > /out/a.txt && echo b > /out/sub/b.xml && ln -s a.txt /out/link");

        SortedMap<String, byte[]> files = engine.readDirectory("outputs", outputs, "/out");

        assertThat(files.keySet()).containsExactly("a.txt", "sub/b.xml");
        assertThat(new String(files.get("a.txt"), StandardCharsets.UTF_8)).isEqualTo(nonce + "\n");
        assertThat(new String(files.get("sub/b.xml"), StandardCharsets.UTF_8)).isEqualTo("b\n");
        assertThat(engine.readDirectory("outputs", outputs, "/out/sub/").keySet()).containsExactly("b.xml");
        assertThatThrownBy(() -> engine.readDirectory("outputs", outputs, "/out/a.txt"))
                .isInstanceOf(LatticeException.class).hasMessageContaining("/out/a.txt")
                .hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> engine.readFile("outputs", outputs, "/out/link"))
                .isInstanceOf(LatticeException.class).hasMessageContaining("a symbolic link to a.txt");
        assertThatThrownBy(() -> engine.readDirectory("outputs", outputs, "/missing"))
                .isInstanceOf(LatticeException.class).hasMessageContaining("Cannot read /missing from image");
    }

    @Test
    void readsOfOneImageShareOneReaderAndSurviveItsRemoval(Engine engine) throws Exception {
        Container files = Container.from(BASE).withExec("sh", "-c", "echo " + TestEngines.nonce()
                + " > /a && echo b > /b && echo c > /c");
        engine.solve("reads", files);

        Instant since = Instant.now();
        List<String> read = Stream.of("/a", "/b", "/c")
                .map(path -> new String(engine.readFile("reads", files, path), StandardCharsets.UTF_8).trim()).toList();
        Instant until = Instant.now();

        assertThat(read.subList(1, 3)).containsExactly("b", "c");
        assertThat(TestEngines.containerCreates(engine, since, until)).as("containers created for three reads").isEqualTo(1);
        assertThatThrownBy(() -> engine.readFile("reads", files, "/missing"))
                .isInstanceOf(LatticeException.class).hasMessageContaining("Cannot read /missing from image");

        // A cleanup that removed the kept reader does not break the next read.
        TestEngines.docker().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(RunLabels.RUN, engine.runLabels().runId())).exec()
                .forEach(container -> TestEngines.docker().removeContainerCmd(container.getId()).withForce(true).exec());
        assertThat(new String(engine.readFile("reads", files, "/b"), StandardCharsets.UTF_8)).isEqualTo("b\n");
    }
}
