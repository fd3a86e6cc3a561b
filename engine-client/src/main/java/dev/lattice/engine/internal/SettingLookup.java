package dev.lattice.engine.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a run's setting is read, in order: the run's configuration parameters (JUnit's, such as
 * {@code junit-platform.properties}), a system property, then an environment variable of the same name in upper case
 * with dots and dashes as underscores ({@code lattice.cache.registry} is {@code LATTICE_CACHE_REGISTRY}).
 */
public final class SettingLookup {

    private SettingLookup() {
    }

    /**
     * The setting's value.
     *
     * @param parameters the run's configuration parameters
     * @param name the setting's name
     * @return its first value that is not blank; empty when none is set
     */
    public static Optional<String> of(Function<String, Optional<String>> parameters, String name) {
        return raw(parameters, name).filter(text -> !text.isBlank());
    }

    /**
     * Whether the setting is given at all, blank included: a blank value is a setting left empty on purpose (a CI
     * variable a fork's pull request does not get, say), not one that was forgotten.
     *
     * @param parameters the run's configuration parameters
     * @param name the setting's name
     * @return true when a configuration parameter, system property or environment variable of that name exists
     */
    public static boolean given(Function<String, Optional<String>> parameters, String name) {
        return raw(parameters, name).isPresent();
    }

    private static Optional<String> raw(Function<String, Optional<String>> parameters, String name) {
        Optional<String> value = parameters.apply(name);
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getProperty(name));
        }
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
        }
        return value;
    }

    /**
     * A setting that is on or off.
     *
     * @param parameters the run's configuration parameters
     * @param name the setting's name
     * @return its value; false when it is not set
     * @throws IllegalArgumentException when its value is neither {@code true} nor {@code false}, naming it and the fix
     */
    public static boolean flag(Function<String, Optional<String>> parameters, String name) {
        Optional<String> value = of(parameters, name).map(String::strip);
        if (value.isEmpty() || value.get().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.get().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + "=" + value.get() + " is neither true nor false; give " + name
                + "=true or leave it unset");
    }
}
