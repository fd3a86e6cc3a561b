package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public record ImageConfig(List<String> env, String workdir, String user, List<String> entrypoint, List<String> cmd,
                          SortedSet<Integer> exposedPorts, SortedMap<String, String> labels) {

    public ImageConfig {
        env = List.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        exposedPorts = new TreeSet<>(exposedPorts);
        labels = new TreeMap<>(labels);
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
        return new ImageConfig(next, workdir, user, entrypoint, cmd, exposedPorts, labels);
    }

    /** Returns a copy with the working directory; a relative path resolves against the current one. */
    public ImageConfig withWorkdir(String path) {
        return new ImageConfig(env, resolve(path), user, entrypoint, cmd, exposedPorts, labels);
    }

    /** Returns a copy with the user. */
    public ImageConfig withUser(String newUser) {
        return new ImageConfig(env, workdir, newUser, entrypoint, cmd, exposedPorts, labels);
    }

    /** Returns a copy with the entrypoint; like the image format, setting it clears the default arguments. */
    public ImageConfig withEntrypoint(List<String> args) {
        return new ImageConfig(env, workdir, user, args, List.of(), exposedPorts, labels);
    }

    /** Returns a copy with the default arguments. */
    public ImageConfig withCmd(List<String> args) {
        return new ImageConfig(env, workdir, user, entrypoint, args, exposedPorts, labels);
    }

    /** Returns a copy exposing one more port. */
    public ImageConfig withExposedPort(int port) {
        SortedSet<Integer> next = new TreeSet<>(exposedPorts);
        next.add(port);
        return new ImageConfig(env, workdir, user, entrypoint, cmd, next, labels);
    }

    /** Returns a copy with the label. */
    public ImageConfig withLabel(String key, String value) {
        SortedMap<String, String> next = new TreeMap<>(labels);
        next.put(key, value);
        return new ImageConfig(env, workdir, user, entrypoint, cmd, exposedPorts, next);
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
                + ";cmd=" + CanonicalText.list(cmd) + ";ports=" + exposedPorts + ";labels=" + CanonicalText.map(labels);
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
