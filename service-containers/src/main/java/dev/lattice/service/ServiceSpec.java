package dev.lattice.service;

import dev.lattice.engine.Image;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The definition of a service: an image, its settings and when it counts as ready. Immutable: every
 * {@code with...} returns a new definition. Equal definitions share one container per test run unless
 * {@link #fresh()} asks for a dedicated one.
 */
public final class ServiceSpec {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private final String image;
    private final String name;
    private final Map<String, String> env;
    private final List<Integer> exposedPorts;
    private final List<String> command;
    private final Map<String, Service> bindings;
    private final List<Ready> readiness;
    private final List<String> tmpfs;
    private final boolean fresh;

    private ServiceSpec(String image, String name, Map<String, String> env, List<Integer> exposedPorts,
                        List<String> command, Map<String, Service> bindings, List<Ready> readiness,
                        List<String> tmpfs, boolean fresh) {
        this.image = image;
        this.name = name;
        this.env = env;
        this.exposedPorts = exposedPorts;
        this.command = command;
        this.bindings = bindings;
        this.readiness = readiness;
        this.tmpfs = tmpfs;
        this.fresh = fresh;
    }

    /**
     * A service from an image: local first, else pulled once with a bounded wait.
     *
     * @param image an image reference, e.g. {@code redis:7} or {@code lattice/distributable:3f9a1c2b7e01}
     * @return the definition, named after the image's repository
     */
    public static ServiceSpec of(String image) {
        Objects.requireNonNull(image, "image");
        String repository = image.replaceAll("[:@].*$", "");
        String name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase();
        return new ServiceSpec(image, NAME.matcher(name).matches() ? name : "service", Map.of(), List.of(), List.of(),
                Map.of(), List.of(), List.of(), false);
    }

    /**
     * A service from an image that the engine built, such as a {@code @PipelineContainer} result.
     *
     * @param image the built image
     * @return the definition
     */
    public static ServiceSpec of(Image image) {
        return of(image.reference());
    }

    /**
     * The same definition under another name: the name in logs and errors, and its alias on the run's network.
     *
     * @param name lower-case letters, digits, {@code .}, {@code _} and {@code -}
     * @return a new definition
     */
    public ServiceSpec named(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Service name \"" + name + "\" is not a valid network alias; use"
                    + " lower-case letters, digits, '.', '_' and '-'");
        }
        return new ServiceSpec(image, name, env, exposedPorts, command, bindings, readiness, tmpfs, fresh);
    }

    /**
     * The same definition with an environment variable set.
     *
     * @param variable the variable's name
     * @param value its value
     * @return a new definition
     */
    public ServiceSpec withEnv(String variable, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(Objects.requireNonNull(variable), Objects.requireNonNull(value, variable));
        return new ServiceSpec(image, name, Map.copyOf(more), exposedPorts, command, bindings, readiness, tmpfs, fresh);
    }

    /**
     * The same definition with one more port published to the test JVM.
     *
     * @param port a container port
     * @return a new definition
     */
    public ServiceSpec withExposedPort(int port) {
        List<Integer> more = new ArrayList<>(exposedPorts);
        if (!more.contains(port)) {
            more.add(port);
        }
        return new ServiceSpec(image, name, env, List.copyOf(more), command, bindings, readiness, tmpfs, fresh);
    }

    /**
     * The same definition with the image's command replaced.
     *
     * @param args the command and its arguments
     * @return a new definition
     */
    public ServiceSpec withCommand(String... args) {
        return new ServiceSpec(image, name, env, exposedPorts, List.of(args), bindings, readiness, tmpfs, fresh);
    }

    /**
     * The same definition, able to reach another running service by an alias.
     *
     * @param alias the host name this service uses for the other one
     * @param other the other service
     * @return a new definition
     */
    public ServiceSpec withBinding(String alias, Service other) {
        Map<String, Service> more = new LinkedHashMap<>(bindings);
        more.put(Objects.requireNonNull(alias), Objects.requireNonNull(other, alias));
        return new ServiceSpec(image, name, env, exposedPorts, command, Map.copyOf(more), readiness, tmpfs, fresh);
    }

    /**
     * The same definition with one more readiness check; a service is ready when all its checks pass, in order.
     *
     * @param check the check
     * @return a new definition
     */
    public ServiceSpec waitingFor(Ready check) {
        List<Ready> more = new ArrayList<>(readiness);
        more.add(Objects.requireNonNull(check));
        return new ServiceSpec(image, name, env, exposedPorts, command, bindings, List.copyOf(more), tmpfs, fresh);
    }

    /**
     * The same definition with an empty in-memory file system (tmpfs) mounted at a path: for data a test server need
     * not keep, such as a database's data directory, which it then writes to memory instead of disk. It holds the
     * machine's memory while the service runs and is gone with the container.
     *
     * @param path an absolute path in the container
     * @return a new definition
     */
    public ServiceSpec withTmpfs(String path) {
        if (!Objects.requireNonNull(path, "path").startsWith("/")) {
            throw new IllegalArgumentException("tmpfs path \"" + path + "\" is not absolute; give a path in the"
                    + " container that starts with /");
        }
        List<String> more = new ArrayList<>(tmpfs);
        if (!more.contains(path)) {
            more.add(path);
        }
        return new ServiceSpec(image, name, env, exposedPorts, command, bindings, readiness, List.copyOf(more), fresh);
    }

    /**
     * The same definition, asking for a container of its own instead of the shared one.
     *
     * @return a new definition
     */
    public ServiceSpec fresh() {
        return new ServiceSpec(image, name, env, exposedPorts, command, bindings, readiness, tmpfs, true);
    }

    /** The image reference. */
    public String image() {
        return image;
    }

    /** The name, also the service's alias on the run's network. */
    public String name() {
        return name;
    }

    /** The environment variables. */
    public Map<String, String> env() {
        return env;
    }

    /** The ports published to the test JVM, in the order given. */
    public List<Integer> exposedPorts() {
        return exposedPorts;
    }

    /** The command; empty means the image's own. */
    public List<String> command() {
        return command;
    }

    /** The services this one reaches, by alias. */
    public Map<String, Service> bindings() {
        return bindings;
    }

    /** The readiness checks, in order; empty means ready once started. */
    public List<Ready> readiness() {
        return readiness;
    }

    /** The paths where an empty tmpfs is mounted, in the order given. */
    public List<String> tmpfs() {
        return tmpfs;
    }

    /** Whether this definition asks for a dedicated container. */
    public boolean isFresh() {
        return fresh;
    }

    /**
     * The SHA-256 of the canonical definition. Bindings count by their services' definitions, not addresses,
     * so the same definition has the same digest in every run.
     *
     * @return 64 hex digits
     */
    public String definitionDigest() {
        StringBuilder canonical = new StringBuilder()
                .append("image=").append(image).append('\n')
                .append("name=").append(name).append('\n');
        new TreeMap<>(env).forEach((key, value) -> canonical.append("env ").append(key).append('=').append(value)
                .append('\n'));
        new TreeSet<>(exposedPorts).forEach(port -> canonical.append("port ").append(port).append('\n'));
        command.forEach(arg -> canonical.append("arg ").append(arg.length()).append(':').append(arg).append('\n'));
        new TreeMap<>(bindings).forEach((alias, service) -> canonical.append("bind ").append(alias).append('=')
                .append(service.definitionDigest()).append('\n'));
        new TreeSet<>(tmpfs).forEach(path -> canonical.append("tmpfs ").append(path).append('\n'));
        readiness.forEach(check -> canonical.append("ready ").append(check).append(check.command()).append('\n'));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServiceSpec that && fresh == that.fresh
                && definitionDigest().equals(that.definitionDigest());
    }

    @Override
    public int hashCode() {
        return definitionDigest().hashCode();
    }

    @Override
    public String toString() {
        return "ServiceSpec[" + name + " from " + image + "]";
    }
}
