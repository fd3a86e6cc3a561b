package dev.lattice.engine.spi;

import dev.lattice.engine.internal.RegistryCacheSettings;
import dev.lattice.engine.internal.SettingLookup;
import dev.lattice.engine.internal.TimeLimits;

import java.util.ArrayList;
import java.util.List;
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
     * The problems of the values of the settings an engine built with these parameters reads, and of the automatic
     * prune's: the registry cache's ({@code lattice.cache.registry} and the settings beside it), the time limits, the
     * on/off settings and {@code lattice.cache.prune*}.
     *
     * @param parameters the run's configuration parameters, system properties or environment as the engine reads them
     * @return one message per wrong setting, naming it and the fix; empty when all are right
     */
    public static List<String> problems(Function<String, Optional<String>> parameters) {
        List<String> problems = new ArrayList<>();
        List<Runnable> reads = List.of(() -> RegistryCacheSettings.from(parameters),
                () -> TimeLimits.of(null, null, null, parameters),
                () -> SettingLookup.flag(parameters, "lattice.explain"),
                () -> SettingLookup.flag(parameters, "lattice.progress"),
                () -> AutomaticPrune.policy(parameters));
        for (Runnable read : reads) {
            try {
                read.run();
            } catch (IllegalArgumentException wrong) {
                problems.add(wrong.getMessage());
            }
        }
        return problems;
    }
}
