package dev.lattice.junit.internal.settings;

import dev.lattice.junit.internal.CellFilter;
import dev.lattice.junit.internal.Parallelism;
import dev.lattice.junit.internal.Shard;
import dev.lattice.service.ServiceCatalog;
import java.util.Collections;
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

    private static final Set<String> FIXED = Set.of(
            // The engine client's system properties: RunLabels and EngineSettings.
            "lattice.run.id", "lattice.cache.dir",
            // The engine client's, through SettingLookup: Engine.Builder, TimeLimits, RegistryCacheSettings and
            // AutomaticPrune.
            "lattice.progress", "lattice.explain",
            "lattice.exec.timeout", "lattice.pull.timeout", "lattice.push.timeout",
            "lattice.cache.registry", "lattice.cache.registry.mode", "lattice.cache.registry.required",
            "lattice.cache.registry.volume-max-mb",
            "lattice.cache.prune", "lattice.cache.prune.keep-last", "lattice.cache.prune.size-budget",
            "lattice.cache.prune.unused-for",
            // This module's: the matrix's configuration parameters and ReportSettings.
            CellFilter.PARAMETER, Shard.PARAMETER, Parallelism.PARAMETER,
            "lattice.report.dir", "lattice.report.enabled");

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
     * The environment variable a setting is read from (where its reader reads the environment): upper case, dots and
     * dashes as underscores, as SettingLookup and CatalogService spell it.
     *
     * @param name the setting's name, such as {@code lattice.cache.registry.volume-max-mb}
     * @return such as {@code LATTICE_CACHE_REGISTRY_VOLUME_MAX_MB}
     */
    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(FIXED);
        for (String service : ServiceCatalog.names()) {
            for (String key : SERVICE_KEYS) {
                names.add(SERVICE_PREFIX + service + "." + key);
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }
}
