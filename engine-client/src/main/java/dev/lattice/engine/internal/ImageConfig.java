package dev.lattice.engine.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration of an image as the pipeline declares it: starts from the base image's and
 * changes with each configuration step. Immutable.
 *
 * @param env          environment, in order, each {@code NAME=value}
 * @param workdir      working directory, empty for the default
 * @param user         user, empty for the default
 * @param entrypoint   entrypoint, may be empty
 * @param cmd          default arguments, may be empty
 * @param exposedPorts exposed TCP ports
 * @param labels       image labels declared by the user or inherited from the base image
 * @param healthcheck  the health check the pipeline declared; when absent the image keeps its base image's
 */
public record ImageConfig(List<String> env, String workdir, String user, List<String> entrypoint, List<String> cmd,
                          SortedSet<Integer> exposedPorts, SortedMap<String, String> labels,
                          Optional<Healthcheck> healthcheck) {

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        exposedPorts = new TreeSet<>(exposedPorts);
        labels = new TreeMap<>(labels);
        Objects.requireNonNull(healthcheck, "healthcheck");
    }

    /** The configuration of an image that declares nothing. */
    public static ImageConfig empty() {
        return new ImageConfig(List.of(), "", "", List.of(), List.of(), new TreeSet<>(), new TreeMap<>(),
                Optional.empty());
    }

    /**
     * A health check: the engine runs {@code command} (exec form) every {@code interval}; it fails after three
     * failures in a row, each run allowed at most one interval.
     */
    public record Healthcheck(List<String> command, Duration interval) {

        public Healthcheck {
            command = List.copyOf(command);
            Objects.requireNonNull(interval, "interval");
        }

        String canonical() {
            return "cmd=" + CanonicalText.list(command) + ",interval=" + interval.toMillis() + "ms";
        }
    }

    /** Returns a copy with the variable set (replacing an earlier value in place). */
    public ImageConfig withEnv(String name, String value) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String entry : env) {
            int eq = entry.indexOf('=');
            byName.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
        }
        byName.put(name, value);
        List<String> next = new ArrayList<>();
        byName.forEach((key, val) -> next.add(key + "=" + val));
        return new ImageConfig(next, workdir, user, entrypoint, cmd, exposedPorts, labels, healthcheck);
    }

    /** Returns a copy with the working directory; a relative path resolves against the current one. */
    public ImageConfig withWorkdir(String path) {
        return new ImageConfig(env, resolve(path), user, entrypoint, cmd, exposedPorts, labels, healthcheck);
    }

    /** Returns a copy with the user. */
    public ImageConfig withUser(String newUser) {
        return new ImageConfig(env, workdir, newUser, entrypoint, cmd, exposedPorts, labels, healthcheck);
    }

    /** Returns a copy with the entrypoint; like the image format, setting it clears the default arguments. */
    public ImageConfig withEntrypoint(List<String> args) {
        return new ImageConfig(env, workdir, user, args, List.of(), exposedPorts, labels, healthcheck);
    }

    /** Returns a copy with the default arguments. */
    public ImageConfig withCmd(List<String> args) {
        return new ImageConfig(env, workdir, user, entrypoint, args, exposedPorts, labels, healthcheck);
    }

    /** Returns a copy exposing one more port. */
    public ImageConfig withExposedPort(int port) {
        SortedSet<Integer> next = new TreeSet<>(exposedPorts);
        next.add(port);
        return new ImageConfig(env, workdir, user, entrypoint, cmd, next, labels, healthcheck);
    }

    /** Returns a copy with the label. */
    public ImageConfig withLabel(String key, String value) {
        SortedMap<String, String> next = new TreeMap<>(labels);
        next.put(key, value);
        return new ImageConfig(env, workdir, user, entrypoint, cmd, exposedPorts, next, healthcheck);
    }

    /** Returns a copy with the health check. */
    public ImageConfig withHealthcheck(Healthcheck check) {
        return new ImageConfig(env, workdir, user, entrypoint, cmd, exposedPorts, labels, Optional.of(check));
    }

    /** Resolves a container path against the working directory ("/" when none). */
    public String resolve(String path) {
        if (path.startsWith("/")) {
            return normalize(path);
        }
        String base = workdir.isEmpty() ? "/" : workdir;
        return normalize(base + "/" + path);
    }

    /** Returns the working directory, "/" when none is set. */
    public String effectiveWorkdir() {
        return workdir.isEmpty() ? "/" : workdir;
    }

    /** Returns a canonical text form, stable across JVMs, for cache keys. */
    public String canonical() {
        return "env=" + CanonicalText.list(env) + ";workdir=" + CanonicalText.quote(workdir)
                + ";user=" + CanonicalText.quote(user) + ";entrypoint=" + CanonicalText.list(entrypoint)
                + ";cmd=" + CanonicalText.list(cmd) + ";ports=" + exposedPorts + ";labels=" + CanonicalText.map(labels)
                // Only a declared health check is written, so the keys of images without one stay as they were.
                + healthcheck.map(check -> ";healthcheck=" + check.canonical()).orElse("");
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
