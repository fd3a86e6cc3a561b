package dev.lattice.junit.internal.settings;

import dev.lattice.junit.internal.CellFilter;
import dev.lattice.junit.internal.Parallelism;
import dev.lattice.junit.internal.Shard;
import dev.lattice.service.ServiceCatalog;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every setting name Lattice reads, whichever module reads it, so that a name under {@code lattice.} that is none of
 * them can be told apart from a setting (see {@link RunSettingsCheck}). The readers keep their own constants (the
 * engine client's are internal to it); KnownSettingsTest scans the main sources of every module and fails on a name
 * read there but missing here, and on a name listed here that nothing reads.
 */
final class KnownSettings {

    /** Where every setting's name starts. */
    static final String NAMESPACE = "lattice.";
    /** Where every setting's environment variable starts. */
    static final String ENVIRONMENT_NAMESPACE = "LATTICE_";
    /** The catalog services' settings: {@code lattice.service.<catalog name>.<key>}, read by CatalogService. */
    static final String SERVICE_PREFIX = "lattice.service.";

    // CatalogService's keys; its class comment names each in full, which the source scan checks.
    private static final Set<String> SERVICE_KEYS = Set.of("image", "source");

    /** Where a setting can be given so that its reader sees it. */
    enum Source {
        CONFIGURATION_PARAMETER("a configuration parameter"),
        SYSTEM_PROPERTY("a system property"),
        ENVIRONMENT_VARIABLE("an environment variable");

        private final String described;

        Source(String described) {
            this.described = described;
        }

        /** As a message says it: "a system property". */
        String described() {
            return described;
        }
    }

    // SettingLookup reads all three; JUnit's configuration parameters fall back to system properties.
    private static final Set<Source> EVERYWHERE = EnumSet.allOf(Source.class);
    private static final Set<Source> JUNIT = EnumSet.of(Source.CONFIGURATION_PARAMETER, Source.SYSTEM_PROPERTY);

    private static final Map<String, Set<Source>> FIXED = Map.copyOf(fixed());

    // CatalogService reads a system property, then an environment variable.
    private static final Set<Source> SERVICE_SOURCES = EnumSet.of(Source.SYSTEM_PROPERTY, Source.ENVIRONMENT_VARIABLE);

    /**
     * Names under {@code lattice.} that are no setting but reach a test JVM legitimately: Surefire passes every
     * {@code -D} of the Maven command line to the tests as a system property, and the consumer poms users copy
     * ({@code example-tests/consumers}) keep Lattice's version in the property {@code lattice.version}.
     */
    private static final Set<String> NOT_SETTINGS = Set.of("lattice.version");

    private static final SortedSet<String> NAMES = names();

    private KnownSettings() {
    }

    /**
     * Every setting's name, the catalog services' spelled out for each catalog entry.
     *
     * @return the names, sorted
     */
    static SortedSet<String> all() {
        return NAMES;
    }

    /**
     * The prefixes from which settings' names are built, for the source scan.
     *
     * @return {@code lattice.service.}
     */
    static Set<String> prefixes() {
        return Set.of(SERVICE_PREFIX);
    }

    /**
     * Whether a name under {@code lattice.} may be set: a setting, or one of the few names that are no setting but
     * that builds pass to tests.
     *
     * @param name the name
     * @return {@code true} if it is not to be reported
     */
    static boolean allowed(String name) {
        return NAMES.contains(name) || NOT_SETTINGS.contains(name);
    }

    /**
     * Where a setting is read from: a name given elsewhere reaches no reader.
     *
     * @param name a setting's name, one of {@link #all()}
     * @return the sources its reader looks at
     */
    static Set<Source> sources(String name) {
        return name.startsWith(SERVICE_PREFIX) ? SERVICE_SOURCES : FIXED.get(name);
    }

    /**
     * The environment variable a setting is read from (where its reader reads the environment): upper case, dots and
     * dashes as underscores, as SettingLookup and CatalogService spell it.
     *
     * @param name the setting's name, such as {@code lattice.cache.registry.volume-max-mb}
     * @return such as {@code LATTICE_CACHE_REGISTRY_VOLUME_MAX_MB}
     */
    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, Set<Source>> fixed() {
        Map<String, Set<Source>> fixed = new HashMap<>();
        // The engine client's system properties: RunLabels and EngineSettings.
        readFrom(fixed, EnumSet.of(Source.SYSTEM_PROPERTY), "lattice.run.id", "lattice.cache.dir");
        // The engine client's, through SettingLookup: Engine.Builder, TimeLimits, RegistryCacheSettings and
        // AutomaticPrune.
        readFrom(fixed, EVERYWHERE, "lattice.progress", "lattice.explain",
                "lattice.exec.timeout", "lattice.pull.timeout", "lattice.push.timeout",
                "lattice.cache.registry", "lattice.cache.registry.mode", "lattice.cache.registry.required",
                "lattice.cache.registry.volume-max-mb",
                "lattice.cache.prune", "lattice.cache.prune.keep-last", "lattice.cache.prune.size-budget",
                "lattice.cache.prune.unused-for");
        // This module's, through JUnit: the matrix's configuration parameters and ReportSettings.
        readFrom(fixed, JUNIT, CellFilter.PARAMETER, Shard.PARAMETER, Parallelism.PARAMETER,
                "lattice.report.dir", "lattice.report.enabled");
        return fixed;
    }

    private static void readFrom(Map<String, Set<Source>> fixed, Set<Source> sources, String... names) {
        for (String name : names) {
            fixed.put(name, Set.copyOf(sources));
        }
    }

    private static SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(FIXED.keySet());
        for (String service : ServiceCatalog.names()) {
            for (String key : SERVICE_KEYS) {
                names.add(SERVICE_PREFIX + service + "." + key);
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }
}
