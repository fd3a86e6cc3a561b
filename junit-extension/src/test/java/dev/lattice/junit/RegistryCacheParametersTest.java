package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The registry cache is configured like the run's other settings: a configuration parameter (as in
 * junit-platform.properties) reaches the run's engine, which pushes what it built before the run ends.
 */
class RegistryCacheParametersTest {

    static final String NONCE = UUID.randomUUID().toString();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void aConfigurationParameterNamesTheRegistryTheRunPushesTo() throws Exception {
        String prefix = "lattice-test/" + NONCE.substring(0, 8);
        assertThat(tags(prefix)).as("registry before the run").doesNotContain("\"tags\":[\"");

        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("lattice.cache.registry", "127.0.0.1:5000/" + prefix)
                .selectors(selectClass(RegistryUser.class))
                .execute();

        assertThat(results.testEvents().failed().list()).isEmpty();
        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        // The run's end waited for the pushes: the pipeline's steps are in the registry now.
        assertThat(tags(prefix)).contains("\"tags\":[\"");
    }

    @Test
    void aWrongRegistrySettingIsOneConfigurationErrorOfTheClassBeforeAnyTestRuns() {
        var results = EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("lattice.cache.registry", "http://127.0.0.1:5000/" + NONCE.substring(0, 8))
                .selectors(selectClass(RegistryUser.class))
                .execute();

        assertThat(results.testEvents().started().count()).as("tests started").isZero();
        assertThat(results.containerEvents().failed().list()).singleElement().satisfies(event -> assertThat(
                event.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                        .orElseThrow().getMessage())
                .startsWith("Configuration error: Registry cache settings: lattice.cache.registry=http://127.0.0.1:5000/")
                .contains("has a scheme; give HOST[:PORT]/PREFIX without it"));
    }

    /** The registry's answer to the tag list of the prefix's step repository. */
    private static String tags(String prefix) throws Exception {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/v2/" + prefix
                    + "/step/tags/list")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException down) {
            return fail("The test registry at 127.0.0.1:5000 does not answer (" + down + "); start it with"
                    + " `bash scripts/registry.sh` (or `bash scripts/test-env.sh`)");
        }
        return response.body();
    }

    @Lattice
    static class RegistryUser {
        @PipelineContainer
        static Container shared() {
            return Container.from("debian:bookworm-slim")
                    .withEnv("NONCE", NONCE)
                    .withExec("sh", "-c", "echo shared > /stamp");
        }

        @Test
        void usesTheImage(@PipelineContainer("shared") Image image) {
            assertThat(image.id()).startsWith("sha256:");
        }
    }
}
