package dev.lattice.engine;

import java.net.URI;
import java.util.Objects;

/**
 * Where an engine's Docker engine answers: its API endpoint, and the host at which the ports it publishes are
 * reached from this JVM. Immutable.
 */
public final class DockerEndpoint {

    private final String uri;
    private final String publishedPortHost;

    private DockerEndpoint(String uri, String publishedPortHost) {
        this.uri = uri;
        this.publishedPortHost = publishedPortHost;
    }

    /**
     * Returns the endpoint of an engine API address such as {@code unix:///var/run/docker.sock} or
     * {@code tcp://10.0.0.5:2375}. Ports published by an engine over TCP are reached at that engine's host; those of a
     * local engine (Unix socket, named pipe) at {@code TESTCONTAINERS_HOST_OVERRIDE} when set, else {@code localhost}.
     *
     * @throws IllegalArgumentException when {@code uri} is not such an address, naming the forms it takes
     */
    public static DockerEndpoint of(String uri) {
        Objects.requireNonNull(uri, "uri");
        URI parsed;
        try {
            parsed = URI.create(uri.strip());
        } catch (IllegalArgumentException malformed) {
            throw notAnEndpoint(uri);
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme();
        String host = switch (scheme) {
            case "unix", "npipe" -> localHost();
            case "tcp", "http", "https" -> parsed.getHost();
            default -> null;
        };
        if (host == null || host.isEmpty()) {
            throw notAnEndpoint(uri);
        }
        return new DockerEndpoint(parsed.toString(), host);
    }

    /** Returns an endpoint known only by a description (a client given without its address), reached at {@code host}. */
    static DockerEndpoint described(String description, String host) {
        return new DockerEndpoint(description, host);
    }

    /** Returns the host of published ports of a local engine. */
    static String localHost() {
        String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
        return override == null || override.isBlank() ? "localhost" : override.strip();
    }

    /** Returns the API address, e.g. {@code unix:///var/run/docker.sock}, as errors name it. */
    public String uri() {
        return uri;
    }

    /** Returns the host at which ports the engine publishes are reached from this JVM, e.g. {@code localhost}. */
    public String publishedPortHost() {
        return publishedPortHost;
    }

    private static IllegalArgumentException notAnEndpoint(String uri) {
        return new IllegalArgumentException("\"" + uri + "\" is not a Docker engine address; use unix:///PATH.sock,"
                + " tcp://HOST:PORT or npipe:////./pipe/NAME");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DockerEndpoint that && uri.equals(that.uri)
                && publishedPortHost.equals(that.publishedPortHost);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, publishedPortHost);
    }

    @Override
    public String toString() {
        return uri;
    }
}
