package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.internal.DockerConnection;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real parts the registry cache's tests use: the three loopback registries of {@code scripts/registry.sh} (open,
 * basic auth, token auth; the token registry's token service is a test's {@link TokenService}) and the second, empty
 * engine of {@code scripts/second-engine.sh} ("another CI runner"). A part that is missing fails the test with the
 * script to run; nothing is skipped.
 */
final class RegistryCacheEnvironment {

    static final String OPEN_REGISTRY = "127.0.0.1:5000";
    static final String AUTH_REGISTRY = "127.0.0.1:5001";
    static final String TOKEN_REGISTRY = "127.0.0.1:5003";
    static final String AUTH_USER = "lattice";
    static final String AUTH_PASSWORD = "lattice-secret";
    static final String ENGINE_B = "unix:///var/run/lattice-engine-b.sock";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private RegistryCacheEnvironment() {
    }

    /** Fails unless the registries and engine B answer. */
    static void require() {
        requireRegistry(OPEN_REGISTRY, 200);
        requireRegistry(AUTH_REGISTRY, 401);
        requireRegistry(TOKEN_REGISTRY, 401);
        try {
            engineBDocker().pingCmd().exec();
        } catch (RuntimeException down) {
            fail("The second engine at " + ENGINE_B + " does not answer (" + down.getMessage() + "); start it with"
                    + " `bash scripts/second-engine.sh` (or `bash scripts/test-env.sh` for every part the tests use)");
        }
    }

    private static HttpResponse<Void> requireRegistry(String registry, int expected) {
        HttpResponse<Void> response = null;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (Exception down) {
            // Reported below.
        }
        if (response == null || response.statusCode() != expected) {
            fail("The registry at " + registry + " does not answer GET /v2/ with " + expected + " (got "
                    + (response == null ? "no answer" : response.statusCode()) + "); start the test registries with"
                    + " `bash scripts/registry.sh` (or `bash scripts/test-env.sh`)");
        }
        return response;
    }

    /** Fails unless the token registry answers, sending its clients for tokens to this realm and service. */
    static void requireTokenRegistry(String realm, String service) {
        String expected = "Bearer realm=\"" + realm + "\",service=\"" + service + "\"";
        String challenge = requireRegistry(TOKEN_REGISTRY, 401).headers().firstValue("WWW-Authenticate").orElse("");
        if (!challenge.equals(expected)) {
            fail("The token registry at " + TOKEN_REGISTRY + " challenges with '" + challenge + "', not '" + expected
                    + "': it is not configured as scripts/registry.sh configures it; restart the test registries with"
                    + " `bash scripts/registry.sh stop` then `bash scripts/registry.sh`");
        }
    }

    /** Where {@code scripts/registry.sh} keeps the registries' storage and the token registry's key. */
    static Path registryRoot() {
        return Path.of(System.getenv().getOrDefault("LATTICE_REGISTRY_ROOT", "/var/lib/lattice-registry"));
    }

    static DockerClient engineBDocker() {
        return DockerConnection.connect(ENGINE_B).client();
    }

    /** A repository prefix of this test's own, so tests never see each other's entries. */
    static String prefix() {
        return "lattice-test/" + TestEngines.nonce().substring(0, 8);
    }

    /** The parameters of a run using the registry cache at {@code location}, plus {@code more} (name, value...). */
    static Function<String, Optional<String>> parameters(String location, String... more) {
        Map<String, String> all = new HashMap<>();
        all.put("lattice.cache.registry", location);
        for (int i = 0; i + 1 < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
        }
        return name -> Optional.ofNullable(all.get(name));
    }

    /** An engine on engine B. */
    static Engine.Builder engineB(Path stateDir) {
        return TestEngines.builder(stateDir).dockerHost(ENGINE_B);
    }

    /** Whether the registry has {@code location/name:tag} (with the test user's credentials on the auth registry). */
    static boolean hasEntry(String location, String name, String tag) throws Exception {
        return hasEntry(location, name, tag, location.startsWith(AUTH_REGISTRY + "/") ? basicAuthorization() : null);
    }

    /** The Authorization header of the test user's basic credentials. */
    static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((AUTH_USER + ":" + AUTH_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the registry has {@code location/name:tag}, asked with this Authorization header (may be null). */
    static boolean hasEntry(String location, String name, String tag, String authorization) throws Exception {
        int slash = location.indexOf('/');
        String registry = location.substring(0, slash);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/"
                        + location.substring(slash + 1) + "/" + name + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200 && status != 404) {
            throw new IllegalStateException("HEAD of " + location + "/" + name + ":" + tag + " answered " + status);
        }
        return status == 200;
    }

    /** Deletes {@code location/name:tag} from the open registry (its manifest, as a registry's clean-up would). */
    static void removeEntry(String location, String name, String tag) throws Exception {
        String manifests = "http://" + location.substring(0, location.indexOf('/')) + "/v2/"
                + location.substring(location.indexOf('/') + 1) + "/" + name + "/manifests/";
        HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(manifests + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").build(),
                HttpResponse.BodyHandlers.discarding());
        String digest = head.headers().firstValue("Docker-Content-Digest").orElseThrow(() ->
                new IllegalStateException("HEAD of " + location + "/" + name + ":" + tag + " answered "
                        + head.statusCode() + " without a digest"));
        int status = HTTP.send(HttpRequest.newBuilder(URI.create(manifests + digest)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 202) {
            throw new IllegalStateException("DELETE of " + location + "/" + name + "@" + digest + " answered " + status);
        }
    }

    /**
     * Removes from an engine every image that runs of these ids created, pulled entries included (they carry the
     * labels of the run that built them), and the volumes whose names start with {@code volumePrefix} (may be null).
     */
    static void removeFrom(DockerClient docker, Set<String> runIds, String volumePrefix) {
        for (String runId : runIds) {
            docker.listImagesCmd().withLabelFilter(Map.of(RunLabels.RUN, runId)).exec().forEach(image -> {
                for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                    try {
                        docker.removeImageCmd(tag).withForce(true).exec();
                    } catch (RuntimeException alreadyGone) {
                        // Removed with another tag.
                    }
                }
            });
        }
        if (volumePrefix != null) {
            docker.listVolumesCmd().exec().getVolumes().stream()
                    .filter(volume -> volume.getName().startsWith(volumePrefix))
                    .forEach(volume -> {
                        try {
                            docker.removeVolumeCmd(volume.getName()).exec();
                        } catch (RuntimeException inUse) {
                            // A container of the run still holds it; the run's cleanup removed those first.
                        }
                    });
        }
    }
}
