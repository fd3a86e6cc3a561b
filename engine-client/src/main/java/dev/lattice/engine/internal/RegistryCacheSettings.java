package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where the build cache shared between machines lives and how this run uses it. Each setting is read from the
 * parameters given (JUnit configuration parameters, {@code junit-platform.properties}), else a system property,
 * else an environment variable ({@code LATTICE_CACHE_REGISTRY}, {@code LATTICE_CACHE_REGISTRY_MODE}...):
 *
 * <ul>
 *   <li>{@code lattice.cache.registry}: {@code HOST[:PORT]/PREFIX}, e.g. {@code registry.example.com/team/lattice};
 *       unset: no shared cache, and the settings below are refused (set without it, they show that the shared
 *       cache was meant to be used);</li>
 *   <li>{@code lattice.cache.registry.mode}: {@code readwrite} (default: look up, pull and push) or {@code read}
 *       (look up and pull only; for pull-request builds that must not write the cache main builds fill);</li>
 *   <li>{@code lattice.cache.registry.required}: {@code false} (default: a registry that is down or refuses a push
 *       gives one warning and the run builds locally) or {@code true} (the run fails instead);</li>
 *   <li>{@code lattice.cache.registry.volume-max-mb}: cache volumes larger than this are not exported (default
 *       1024).</li>
 * </ul>
 * Immutable.
 *
 * @param registry       {@code HOST[:PORT]} of the registry
 * @param prefix         repository path under which entries live, e.g. {@code team/lattice}
 * @param write          whether built steps and cache volumes are pushed
 * @param required       whether a registry that is down or refuses a push fails the run
 * @param volumeMaxBytes cache volumes larger than this are not exported
 */
public record RegistryCacheSettings(String registry, String prefix, boolean write, boolean required,
                                    long volumeMaxBytes) {

    /** The registry and prefix: {@code HOST[:PORT]/PREFIX}. */
    public static final String REGISTRY = "lattice.cache.registry";
    /** {@code readwrite} or {@code read}. */
    public static final String MODE = "lattice.cache.registry.mode";
    /** {@code true} or {@code false}. */
    public static final String REQUIRED = "lattice.cache.registry.required";
    /** Largest cache volume exported, in MiB. */
    public static final String VOLUME_MAX_MB = "lattice.cache.registry.volume-max-mb";

    private static final long DEFAULT_VOLUME_MAX_MB = 1024;
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    // Docker's repository path rule: lower-case components separated by '/', each with '.', '_', '-' inside.
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    /**
     * Reads the settings.
     *
     * @param parameters looked up first (JUnit configuration parameters); may answer empty for everything
     * @return the settings; empty when none of them is set
     * @throws IllegalArgumentException naming every setting that is wrong, what is wrong and the expected form; also
     *     when a setting beside {@code lattice.cache.registry} is set without it (an empty one turns the cache off)
     */
    public static Optional<RegistryCacheSettings> from(Function<String, Optional<String>> parameters) {
        Optional<String> location = setting(parameters, REGISTRY);
        if (location.isEmpty()) {
            if (!SettingLookup.given(parameters, REGISTRY)) {
                withoutRegistry(parameters); // an empty registry turns the cache off on purpose
            }
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        String value = location.get().trim();
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        String prefix = slash < 0 ? "" : value.substring(slash + 1);
        if (value.contains("://")) {
            problems.add(REGISTRY + "=" + value + " has a scheme; give HOST[:PORT]/PREFIX without it, such as"
                    + " registry.example.com/team/lattice");
        } else if (!HOST.matcher(host).matches() || prefix.isEmpty() || !PREFIX.matcher(prefix).matches()) {
            problems.add(REGISTRY + "=" + value + " is not HOST[:PORT]/PREFIX with a lower-case repository path,"
                    + " such as registry.example.com/team/lattice or 127.0.0.1:5000/lattice");
        }
        String mode = setting(parameters, MODE).orElse("readwrite").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("readwrite") && !mode.equals("read")) {
            problems.add(MODE + "=" + mode + " is not readwrite or read");
        }
        String required = setting(parameters, REQUIRED).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!required.equals("true") && !required.equals("false")) {
            problems.add(REQUIRED + "=" + required + " is not true or false");
        }
        String maxMb = setting(parameters, VOLUME_MAX_MB).orElse(Long.toString(DEFAULT_VOLUME_MAX_MB)).trim();
        long volumeMax = -1;
        try {
            volumeMax = Long.parseLong(maxMb);
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        if (volumeMax < 0 || volumeMax > Long.MAX_VALUE / (1024 * 1024)) {
            problems.add(VOLUME_MAX_MB + "=" + maxMb + " is not a whole number of MiB, 0 or more, such as 1024");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Registry cache settings: " + String.join("; ", problems));
        }
        return Optional.of(new RegistryCacheSettings(host, prefix, mode.equals("readwrite"),
                required.equals("true"), volumeMax * 1024 * 1024));
    }

    /**
     * Refuses the settings beside the registry when the registry is not set: whoever sets them meant to use the
     * shared cache (a pull-request runner that sets {@code mode=read} without a registry would otherwise run
     * without the cache and without a word).
     */
    private static void withoutRegistry(Function<String, Optional<String>> parameters) {
        List<String> names = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String name : List.of(MODE, REQUIRED, VOLUME_MAX_MB)) {
            setting(parameters, name).ifPresent(value -> {
                names.add(name);
                given.add(name + "=" + value.trim());
            });
        }
        if (!names.isEmpty()) {
            throw new IllegalArgumentException("Registry cache settings: " + String.join(" and ", given)
                    + (names.size() == 1 ? " is" : " are") + " set but " + REGISTRY + " is not, so no registry cache"
                    + " is used; set " + REGISTRY + "=HOST[:PORT]/PREFIX to use one, or remove "
                    + String.join(" and ", names));
        }
    }

    /** Returns where the cache lives, as configured: {@code HOST[:PORT]/PREFIX}. */
    public String location() {
        return registry + "/" + prefix;
    }

    /** Returns the repository of step entries, with the registry: {@code HOST[:PORT]/PREFIX/step}. */
    String stepRepository() {
        return location() + "/step";
    }

    /** Returns the repository of cache volume entries, with the registry: {@code HOST[:PORT]/PREFIX/volume}. */
    String volumeRepository() {
        return location() + "/volume";
    }

    private static Optional<String> setting(Function<String, Optional<String>> parameters, String name) {
        return SettingLookup.of(parameters, name);
    }
}
