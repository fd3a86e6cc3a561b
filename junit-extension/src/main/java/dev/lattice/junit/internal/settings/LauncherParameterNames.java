package dev.lattice.junit.internal.settings;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names under {@code lattice.} of the configuration parameters of every launcher request discovered in this
 * JVM. JUnit's extensions can read a configuration parameter by name but cannot list them; the launcher's discovery
 * listener ({@link ParameterNameRecorder}) can, and records them here. A name recorded here may belong to another run
 * of the JVM (a launcher run nested in a test, or an earlier one), so {@link RunSettingsCheck} asks its own run for
 * each before reporting it. Only names are kept, and only Lattice's, so the set stays small for the JVM's life.
 */
final class LauncherParameterNames {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private LauncherParameterNames() {
    }

    /**
     * Records the names of a request's configuration parameters that are under {@code lattice.}.
     *
     * @param names every name of the request's configuration parameters
     */
    static void record(Collection<String> names) {
        names.stream().filter(name -> name.startsWith(KnownSettings.NAMESPACE)).forEach(SEEN::add);
    }

    /**
     * The names recorded so far.
     *
     * @return a copy
     */
    static Set<String> seen() {
        return Set.copyOf(SEEN);
    }
}
