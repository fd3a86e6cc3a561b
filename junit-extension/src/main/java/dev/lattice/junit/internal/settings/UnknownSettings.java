package dev.lattice.junit.internal.settings;

import dev.lattice.junit.internal.NearMiss;
import dev.lattice.junit.internal.settings.KnownSettings.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The names a run sets under Lattice's namespace that no setting has, each as one problem line naming the name,
 * where it came from, the nearest setting and the fix: a misspelled setting is otherwise ignored without a word
 * ({@code lattice.cache.registry.mdoe=read} ran read-write and pushed to the shared cache). Likewise a setting given
 * where its reader does not look ({@code LATTICE_MATRIX_SHARD}: the shard is a JUnit configuration parameter, so every
 * runner ran every cell).
 *
 * <p>Environment variables are held to less: one starting with {@code LATTICE_} is reported only when it is a slip
 * away from a setting's variable ({@code LATTICE_CACHE_REGISTRY_MDOE}). The environment is inherited by every process
 * of a machine, not set for this run: scripts keep variables of their own there (this repository's scripts export
 * {@code LATTICE_BASE_IMAGE}, {@code LATTICE_SECOND_ENGINE}, {@code LATTICE_REGISTRY_ROOT}...), and so may other
 * tools named Lattice. A list of such names in the extension would tie it to one repository's scripts and still
 * fail every other user's; a variable close to a setting is, in practice, that setting misspelled.
 */
final class UnknownSettings {

    private static final String NOT_READ = " is not a Lattice setting, so nothing reads it; ";

    private UnknownSettings() {
    }

    /**
     * The problems of a run's names.
     *
     * @param parameters names of configuration parameters that are not also system properties
     * @param properties names of system properties
     * @param environment names of environment variables
     * @return one line per name under {@code lattice.} that no setting has (per {@code LATTICE_} variable near one),
     *     configuration parameters first, then system properties, then environment variables, each sorted
     */
    static List<String> of(Collection<String> parameters, Collection<String> properties,
                           Collection<String> environment) {
        List<String> problems = new ArrayList<>();
        unknown(parameters).forEach(name -> problems.add(named("Configuration parameter ", name)));
        unread(parameters, Source.CONFIGURATION_PARAMETER).forEach(problems::add);
        unknown(properties).forEach(name -> problems.add(named("System property ", name)));
        unread(properties, Source.SYSTEM_PROPERTY).forEach(problems::add);
        Map<String, String> settingOfVariable = KnownSettings.all().stream()
                .collect(Collectors.toMap(KnownSettings::environmentName, name -> name));
        for (String name : new TreeSet<>(environment)) {
            if (!name.startsWith(KnownSettings.ENVIRONMENT_NAMESPACE)) {
                continue;
            }
            String setting = settingOfVariable.get(name);
            if (setting != null) {
                unread(setting, name, Source.ENVIRONMENT_VARIABLE).ifPresent(problems::add);
                continue;
            }
            Optional<String> near = NearMiss.of(name, settingOfVariable.keySet());
            if (near.isPresent()) {
                String meant = settingOfVariable.get(near.get());
                problems.add("Environment variable " + name + NOT_READ + (KnownSettings.sources(meant)
                        .contains(Source.ENVIRONMENT_VARIABLE) ? "did you mean \"" + near.get() + "\"? "
                        : "did you mean " + meant + "? it is read as " + described(meant) + ", not from the"
                        + " environment; ") + "fix the name, or unset it");
            }
        }
        return problems;
    }

    /** The known settings among these names that their reader does not read from {@code source}. */
    private static List<String> unread(Collection<String> names, Source source) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (KnownSettings.all().contains(name)) {
                unread(name, name, source).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** The problem of a setting given as {@code given} from {@code source}, when its reader does not look there. */
    private static Optional<String> unread(String setting, String given, Source source) {
        if (KnownSettings.sources(setting).contains(source)) {
            return Optional.empty();
        }
        String kind = switch (source) {
            case CONFIGURATION_PARAMETER -> "Configuration parameter ";
            case SYSTEM_PROPERTY -> "System property ";
            case ENVIRONMENT_VARIABLE -> "Environment variable ";
        };
        Set<Source> read = KnownSettings.sources(setting);
        return Optional.of(kind + given + " is not read: Lattice reads " + setting + " only as " + described(setting)
                + "; give it as -D" + setting + "=..."
                + (read.contains(Source.CONFIGURATION_PARAMETER) ? " or in junit-platform.properties" : "")
                + (read.contains(Source.ENVIRONMENT_VARIABLE) ? " or as " + KnownSettings.environmentName(setting) : "")
                + (source == Source.ENVIRONMENT_VARIABLE ? ", or unset it" : ", or remove it"));
    }

    /** Where a setting is read, as a message says it: "a configuration parameter or a system property". */
    private static String described(String setting) {
        return KnownSettings.sources(setting).stream().sorted().map(Source::described)
                .collect(Collectors.joining(" or "));
    }

    private static String named(String source, String name) {
        return source + name + NOT_READ + fix(name) + "fix the name, or remove it"
                + " (a name of your own needs to be outside lattice.)";
    }

    private static Set<String> unknown(Collection<String> names) {
        return names.stream().filter(name -> name.startsWith(KnownSettings.NAMESPACE))
                .filter(name -> !KnownSettings.allowed(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** "did you mean", else the settings of the nearest group, else where all of them are listed. */
    private static String fix(String name) {
        String hint = NearMiss.hint(name, KnownSettings.all());
        if (!hint.isEmpty()) {
            return hint;
        }
        for (String group = parent(name); group.contains("."); group = parent(group)) {
            List<String> inGroup = inGroup(group);
            if (!inGroup.isEmpty()) {
                return "the settings under " + group + " are " + String.join(", ", inGroup) + "; ";
            }
        }
        return "the settings are listed in Lattice's README; ";
    }

    private static List<String> inGroup(String group) {
        return KnownSettings.all().stream()
                .filter(known -> known.equals(group) || known.startsWith(group + ".")).toList();
    }

    private static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }
}
