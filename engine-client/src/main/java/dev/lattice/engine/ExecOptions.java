package dev.lattice.engine;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options of one exec step: extra environment for this exec only, accepted exit codes, cache policy. */
public final class ExecOptions {

    private static final ExecOptions DEFAULTS = new ExecOptions(Map.of(), List.of(0), CachePolicy.CONTENT_ADDRESSED);

    private final Map<String, String> env;
    private final List<Integer> acceptedExitCodes;
    private final CachePolicy cachePolicy;

    private ExecOptions(Map<String, String> env, List<Integer> acceptedExitCodes, CachePolicy cachePolicy) {
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        this.acceptedExitCodes = List.copyOf(acceptedExitCodes);
        this.cachePolicy = cachePolicy;
    }

    /** Returns the default options: no extra env, exit code 0 only, content-addressed caching. */
    public static ExecOptions defaults() {
        return DEFAULTS;
    }

    /** Returns new options with an environment variable for this exec only (never in the image). */
    public ExecOptions withEnv(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(env);
        next.put(name, value);
        return new ExecOptions(next, acceptedExitCodes, cachePolicy);
    }

    /** Returns new options accepting exactly these exit codes as success (default {@code {0}}). */
    public ExecOptions withAcceptedExitCodes(int... codes) {
        if (codes.length == 0) {
            throw new IllegalArgumentException("withAcceptedExitCodes needs at least one exit code");
        }
        return new ExecOptions(env, Arrays.stream(codes).boxed().toList(), cachePolicy);
    }

    /** Returns new options with the given cache policy (default {@link CachePolicy#CONTENT_ADDRESSED}). */
    public ExecOptions withCachePolicy(CachePolicy policy) {
        return new ExecOptions(env, acceptedExitCodes, policy);
    }

    /** Returns the exec-only environment, in insertion order; may be empty. */
    public Map<String, String> env() {
        return env;
    }

    /** Returns the accepted exit codes, never empty. */
    public List<Integer> acceptedExitCodes() {
        return acceptedExitCodes;
    }

    /** Returns the cache policy. */
    public CachePolicy cachePolicy() {
        return cachePolicy;
    }
}
