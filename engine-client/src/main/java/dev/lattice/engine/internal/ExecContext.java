package dev.lattice.engine.internal;

import dev.lattice.engine.ServiceBinding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What execs see besides the image: cache volumes, secrets and service bindings declared so far.
 * None of it reaches an image. Immutable.
 *
 * @param cacheMounts   container path to cache volume name
 * @param secretEnv     variable name to secret
 * @param secretFiles   container path to secret
 * @param services      alias to service
 */
public record ExecContext(SortedMap<String, String> cacheMounts, SortedMap<String, SecretValue> secretEnv,
                          SortedMap<String, SecretValue> secretFiles, SortedMap<String, ServiceBinding> services) {

    /** Returns an empty context. */
    public static ExecContext empty() {
        return new ExecContext(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    public ExecContext {
        cacheMounts = new TreeMap<>(cacheMounts);
        secretEnv = new TreeMap<>(secretEnv);
        secretFiles = new TreeMap<>(secretFiles);
        services = new TreeMap<>(services);
    }

    ExecContext withCache(String path, String volume) {
        return new ExecContext(plus(cacheMounts, path, volume), secretEnv, secretFiles, services);
    }

    ExecContext withSecretEnv(String name, SecretValue secret) {
        return new ExecContext(cacheMounts, plus(secretEnv, name, secret), secretFiles, services);
    }

    ExecContext withSecretFile(String path, SecretValue secret) {
        return new ExecContext(cacheMounts, secretEnv, plus(secretFiles, path, secret), services);
    }

    ExecContext withService(String alias, ServiceBinding service) {
        return new ExecContext(cacheMounts, secretEnv, secretFiles, plus(services, alias, service));
    }

    /** A copy of {@code map} with {@code key} set to {@code value}; the record's maps stay unchanged. */
    private static <V> SortedMap<String, V> plus(SortedMap<String, V> map, String key, V value) {
        SortedMap<String, V> next = new TreeMap<>(map);
        next.put(key, value);
        return next;
    }

    /**
     * Returns the canonical form for cache keys: secret names and paths (never values), service
     * aliases and definition digests (never addresses). Cache volumes are left out on purpose.
     */
    String canonical() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secretEnv.forEach((name, secret) -> secrets.put("env:" + name, secret.name()));
        secretFiles.forEach((path, secret) -> secrets.put("file:" + path, secret.name()));
        Map<String, String> bound = new TreeMap<>();
        services.forEach((alias, service) -> bound.put(alias, service.definitionDigest()));
        return "secrets=" + CanonicalText.map(secrets) + ";services=" + CanonicalText.map(bound);
    }
}
