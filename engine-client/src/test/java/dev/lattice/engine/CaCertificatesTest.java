package dev.lattice.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/** Extra CA certificates are visible to execs and absent from the image's config and layers. */
class CaCertificatesTest {

    @TempDir
    static Path stateDir;
    @TempDir
    static Path files;

    static Engine engine;
    static String extraSubject;
    static Path pem;

    @BeforeAll
    static void connect() throws Exception {
        // Any real certificate works as an "extra" one: take the first of the JDK's defaults.
        KeyStore defaults = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                .toFile(), "changeit".toCharArray());
        String alias = Collections.list(defaults.aliases()).get(0);
        Certificate certificate = defaults.getCertificate(alias);
        pem = files.resolve("extra.crt");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        extraSubject = alias;
        engine = TestEngines.builder(stateDir).extraCaCertificates(pem).build();
    }

    @AfterAll
    static void cleanUp() {
        TestEngines.removeRunImages(engine);
    }

    @Test
    void aSecondEngineOfTheSameJvmGetsTheBundleToo(@TempDir Path otherStateDir) {
        Container container = Container.from(BASE).withEnv("NONCE", TestEngines.nonce())
                .withExec("sh", "-c", "test -s \"$SSL_CERT_FILE\" && test -s /run/lattice/ca/truststore.p12 && echo ok");
        assertThat(engine.stdout("ca-first-engine", container)).isEqualTo("ok\n");
        // The same bundle (one volume name) on an engine with a volume store of its own.
        Engine other = RegistryCacheEnvironment.engineB(otherStateDir).extraCaCertificates(pem).build();
        try {
            assertThat(other.stdout("ca-second-engine", container)).isEqualTo("ok\n");
        } finally {
            other.close();
            RegistryCacheEnvironment.removeFrom(RegistryCacheEnvironment.engineBDocker(),
                    java.util.Set.of(other.runLabels().runId()), null);
        }
    }

    @Test
    void certificatesAreVisibleDuringExecsAndAbsentFromTheImage() throws Exception {
        Container container = Container.from(BASE).withEnv("NONCE", TestEngines.nonce())
                .withExec("sh", "-c", "test -s \"$SSL_CERT_FILE\" && test -s /run/lattice/ca/truststore.p12"
                        + " && echo \"$JAVA_TOOL_OPTIONS\" && echo \"$NODE_EXTRA_CA_CERTS\" && touch /built");

        String stdout = engine.stdout("ca", container);
        assertThat(stdout).contains("-Djavax.net.ssl.trustStore=/run/lattice/ca/truststore.p12")
                .contains("-Djavax.net.ssl.trustStoreType=PKCS12").contains("/run/lattice/ca/ca-certificates.crt");

        Image image = engine.solve("ca", container);
        var config = TestEngines.docker().inspectImageCmd(image.id()).exec().getConfig();
        assertThat(String.join("\n", config.getEnv())).doesNotContain("SSL_CERT_FILE", "JAVA_TOOL_OPTIONS", "NODE_EXTRA_CA_CERTS");
        Path tar = files.resolve("ca.tar");
        engine.export("ca", container, tar);
        String exported = new String(Files.readAllBytes(tar), StandardCharsets.ISO_8859_1);
        // The mount point may stay as an empty directory; the bundle files must not.
        assertThat(exported).contains("built").doesNotContain("truststore.p12")
                .doesNotContain("run/lattice/ca/ca-certificates.crt");
    }
}
