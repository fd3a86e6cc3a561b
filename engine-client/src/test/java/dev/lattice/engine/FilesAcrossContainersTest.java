package dev.lattice.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** A distributable image takes its binary and data out of a build container. */
class FilesAcrossContainersTest {

    @TempDir
    static Path stateDir;

    static Engine engine;

    @BeforeAll
    static void connect() {
        engine = TestEngines.builder(stateDir).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
    }

    @Test
    void fileAndDirectoryOfOneContainerAreCopiedIntoAnother() {
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
        assertThat(image.reference()).startsWith("lattice/dist:");
    }
}
