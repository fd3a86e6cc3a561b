package dev.lattice.engine.spi;

import dev.lattice.engine.internal.RegistryCacheSettings;

import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the configuration parameters an engine will read ({@code Engine.Builder.configurationParameters}) before it
 * connects, so that a wrong value is one configuration error of the run, reported before anything starts, rather than
 * a failure of every test that uses the engine.
 */
public final class EngineConfiguration {

    private EngineConfiguration() {
    }

    /**
     * Checks the registry cache's settings ({@code lattice.cache.registry} and the settings beside it).
     *
     * @param parameters the run's configuration parameters, system properties or environment as the engine reads them
     * @throws IllegalArgumentException naming every wrong setting and its fix
     */
    public static void check(Function<String, Optional<String>> parameters) {
        RegistryCacheSettings.from(parameters);
    }
}
