package dev.lattice.engine.internal;

import com.github.dockerjava.api.model.AuthConfig;
import dev.lattice.engine.spi.DaemonThreads;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.RegistryAuthLocator;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks an OCI registry from the JVM whether entries exist: one {@code HEAD} of a manifest each, concurrently, with
 * the registry's basic or token authentication. The engine is not involved: a lookup costs one round trip to the
 * registry, not an engine request plus the engine's own round trips. Credentials are those the Docker CLI and
 * docker-java use ({@code DOCKER_CONFIG} or {@code ~/.docker/config.json}, credential helpers included, found
 * through Testcontainers' {@link RegistryAuthLocator}). Loopback registries are spoken to over plain HTTP, as the
 * Docker engine does by default; every other registry over HTTPS, or over plain HTTP when it does not speak TLS (as the
 * engine does for a registry configured as insecure).
 */
final class RegistryClient {

    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);
    private static final Duration REQUEST_LIMIT = Duration.ofSeconds(15);
    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern TOKEN = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"");

    private final RegistryCacheSettings settings;
    private final HttpClient http;
    private volatile String base;
    private final AuthConfig credentials;
    private final Object authorizing = new Object();
    // Lookups of one solve at once: a plan has a few dozen steps at most, each lookup one short request.
    private final ExecutorService lookups = DaemonThreads.pool("lattice-registry-lookup", 8);
    private volatile String authorization; // the header to send; null until the registry asked for one

    RegistryClient(RegistryCacheSettings settings) {
        this(settings, credentials(settings));
    }

    /** A client with these credentials (null: none), not the Docker CLI's: a test's, which has no DOCKER_CONFIG. */
    RegistryClient(RegistryCacheSettings settings, AuthConfig credentials) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_LIMIT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.base = (isLoopback(settings.registry()) ? "http://" : "https://") + settings.registry();
        this.credentials = credentials;
    }

    /** Returns the credentials the Docker CLI would use for the registry; null when it has none. */
    AuthConfig credentials() {
        return credentials;
    }

    /**
     * Checks that the registry answers and accepts this machine's credentials (asking for them as it demands).
     *
     * @throws Unreachable when it does not answer
     * @throws CredentialsRefused when it wants credentials this machine does not have or refuses them
     */
    void check() {
        HttpResponse<Void> response;
        try {
            response = sendAuthorized("GET", "/v2/");
        } catch (Unreachable failed) {
            if (!speaksNoTls(failed) || base.startsWith("http://")) {
                throw failed;
            }
            base = "http://" + settings.registry();
            response = sendAuthorized("GET", "/v2/");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw refused(response.statusCode());
        }
        if (response.statusCode() != 200) {
            throw new Unreachable("it answered HTTP " + response.statusCode() + " to GET /v2/, which an OCI registry"
                    + " answers with 200 or 401");
        }
    }

    /**
     * Returns which of these tags of the repository {@code name} (under the prefix) the registry has, asking for all
     * of them at once.
     *
     * @throws Unreachable when the registry stops answering
     * @throws CredentialsRefused when it refuses this machine's credentials
     */
    Set<String> existing(String name, Collection<String> tags) {
        List<String> asked = List.copyOf(new LinkedHashSet<>(tags));
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (String tag : asked) {
            answers.add(CompletableFuture.supplyAsync(() -> exists(name, tag), lookups));
        }
        Set<String> found = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            try {
                if (answers.get(i).join()) {
                    found.add(asked.get(i));
                }
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
            }
        }
        return found;
    }

    /** Whether the registry has a manifest for {@code name:tag}; a manifest is published only after its blobs. */
    boolean exists(String name, String tag) {
        String path = "/v2/" + settings.prefix() + "/" + name + "/manifests/" + tag;
        HttpResponse<Void> response = sendAuthorized("HEAD", path);
        return switch (response.statusCode()) {
            case 200 -> true;
            case 404 -> false;
            case 401, 403 -> throw refused(response.statusCode());
            default -> throw new Unreachable("it answered HTTP " + response.statusCode() + " to HEAD " + path);
        };
    }

    /** Sends the request; when the registry challenges it, answers the challenge and sends it once more. */
    private HttpResponse<Void> sendAuthorized(String method, String path) {
        String header = authorization;
        HttpResponse<Void> response = send(method, path, header);
        return response.statusCode() == 401 ? send(method, path, authorize(response, header)) : response;
    }

    private HttpResponse<Void> send(String method, String path, String header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_LIMIT)
                .header("Accept", MANIFEST_TYPES).method(method, HttpRequest.BodyPublishers.noBody());
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException failed) {
            throw new Unreachable(why(failed, base), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    /**
     * Answers the registry's challenge to a request sent with {@code sent} (null: none) and returns the header to send
     * again: basic credentials, or a token fetched with them from its token service. When another request has replaced
     * {@code sent} meanwhile (the lookups of a solve run at once, and a token that expires challenges all of them),
     * that header is returned as it is: one token request, not one per challenged lookup.
     */
    private String authorize(HttpResponse<?> challenged, String sent) {
        synchronized (authorizing) {
            if (!Objects.equals(authorization, sent)) {
                return authorization;
            }
            String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
            String basic = basic();
            if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
                if (basic == null) {
                    throw refused(401);
                }
                authorization = basic;
            } else if (challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
                authorization = "Bearer " + token(challenge, basic);
            } else {
                throw refused(401);
            }
            return authorization;
        }
    }

    private String token(String challenge, String basic) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw refused(401);
        }
        StringBuilder uri = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (parameters.containsKey("service")) {
            uri.append("service=").append(encode(parameters.get("service"))).append('&');
        }
        // Pull and push on both repositories of the cache, so one token serves every later request.
        for (String name : List.of("step", "volume")) {
            uri.append("scope=").append(encode("repository:" + settings.prefix() + "/" + name + ":pull,push"))
                    .append('&');
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(REQUEST_LIMIT);
        if (basic != null) {
            request.header("Authorization", basic);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw refused(response.statusCode());
            }
            return token.group(1);
        } catch (IOException failed) {
            throw new Unreachable("its token service " + realm + " did not answer: " + why(failed, realm));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted");
        }
    }

    private String basic() {
        if (credentials == null || credentials.getUsername() == null) {
            return null;
        }
        String pair = credentials.getUsername() + ":" + (credentials.getPassword() == null ? "" : credentials.getPassword());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private CredentialsRefused refused(int status) {
        String fix = "log in with `docker login " + settings.registry() + "` as a user who may "
                + (settings.write() ? "pull and push " : "pull ")
                + settings.prefix() + "/* (Lattice reads the Docker CLI's credentials: $DOCKER_CONFIG/config.json, else"
                + " ~/.docker/config.json), or unset " + RegistryCacheSettings.REGISTRY;
        String problem = credentials == null
                ? "asks for credentials (HTTP " + status + ") and this machine has none for it"
                : "refused the credentials of user '" + credentials.getUsername() + "' (HTTP " + status + ")";
        return new CredentialsRefused("The registry cache " + settings.location() + " " + problem + "; " + fix);
    }

    /** Why a request failed; the JDK's client says nothing of a refused connection but its exception's type. */
    private static String why(IOException failed, String address) {
        if (failed instanceof ConnectException && failed.getMessage() == null) {
            return "nothing accepted a connection at " + address;
        }
        return DockerConnection.cause(failed);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean speaksNoTls(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort.replaceFirst(":[0-9]+$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** The credentials the Docker CLI has for the registry, user and password decoded from {@code auth}; or null. */
    private static AuthConfig credentials(RegistryCacheSettings settings) {
        AuthConfig found;
        try {
            found = RegistryAuthLocator.instance().lookupAuthConfig(
                    DockerImageName.parse(settings.stepRepository() + ":latest"), null);
        } catch (RuntimeException unreadable) {
            return null;
        }
        if (found == null) {
            return null;
        }
        if (found.getUsername() == null && found.getAuth() != null) {
            String pair = new String(Base64.getDecoder().decode(found.getAuth()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                found = new AuthConfig().withUsername(pair.substring(0, colon)).withPassword(pair.substring(colon + 1));
            }
        }
        if (found.getUsername() == null && found.getIdentitytoken() == null) {
            return null;
        }
        return found.withRegistryAddress(settings.registry());
    }

    /** The registry did not answer, or not as a registry does. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String reason) {
            super(reason);
        }

        Unreachable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** The registry wants credentials this machine does not have, or refused them. */
    static final class CredentialsRefused extends RuntimeException {
        CredentialsRefused(String message) {
            super(message);
        }
    }
}
