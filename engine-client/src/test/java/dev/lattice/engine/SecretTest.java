package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Secrets reach execs and nothing else: not the image config, not its history, not its layers. */
@ExtendWith(ClassEngine.class)
class SecretTest {

    @TempDir
    static Path exportDir;

    @Test
    void secretValueAppearsNowhereInInspectHistoryOrTheExportedImage(Engine engine) throws Exception {
        String value = "s3cr3t-" + TestEngines.nonce();
        Secret secret = Secret.of("token", value);
        Container container = Container.from(BASE)
                .withSecretVariable("TOKEN", secret)
                .withMountedSecret("/run/secrets/token", secret)
                .withExec("sh", "-c", "test \"$TOKEN\" = \"$(cat /run/secrets/token)\" && echo $TOKEN | sha256sum > /proof"
                        + " && echo seen-$(printf %s \"$TOKEN\" | wc -c)");

        assertThat(engine.stdout("secrets", container).trim()).isEqualTo("seen-" + value.length());
        Image image = engine.solve("secrets", container);

        String inspect = TestEngines.docker().inspectImageCmd(image.id()).exec().toString()
                + TestEngines.docker().inspectImageCmd(image.id()).exec().getConfig();
        assertThat(inspect).doesNotContain(value);
        Process history = new ProcessBuilder("docker", "history", "--no-trunc", image.id()).redirectErrorStream(true).start();
        String historyText = new String(history.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(history.waitFor()).isZero();
        assertThat(historyText).doesNotContain(value);
        Path tar = exportDir.resolve("secrets.tar");
        engine.export("secrets", container, tar);
        String exported = new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1);
        assertThat(exported).doesNotContain(value).contains("proof");
        assertThat(secret.toString()).doesNotContain(value);
    }
}
