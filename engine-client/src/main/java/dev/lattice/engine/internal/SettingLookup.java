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
        Optional<String> value = parameters.apply(name);
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getProperty(name));
        }
        if (value.isEmpty()) {
            value = Optional.ofNullable(System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
        }
        return value.filter(text -> !text.isBlank());
    }
}
