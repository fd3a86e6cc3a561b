package dev.lattice.junit.internal.settings;

import dev.lattice.engine.spi.EngineConfiguration;
import dev.lattice.junit.internal.JupiterStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Checks a run's settings before anything of the run starts, every problem at once: names under {@code lattice.}
 * that no setting has ({@link UnknownSettings}), from the run's configuration parameters, the system properties and
 * the environment, and the values of the settings the run's engine will read (the registry cache's and the automatic
 * prune's), which their readers check.
 */
public final class RunSettingsCheck {

    private static final Namespace NAMESPACE = Namespace.create(RunSettingsCheck.class);

    private RunSettingsCheck() {
    }

    /**
     * The problems of a run's settings, found once per run: every matrix of the run asks, and a system property that
     * a test of the run sets meanwhile is that test's business, not a matrix's configuration error.
     *
     * @param context any extension context of the run
     * @return one line per problem, naming the setting, what is wrong and the fix; empty when there is none
     */
    public static List<String> problems(ExtensionContext context) {
        return JupiterStores.computeIfAbsent(JupiterStores.runWide(context, NAMESPACE), Found.class,
                () -> new Found(find(context)), Found.class).problems();
    }

    private static List<String> find(ExtensionContext context) {
        Function<String, Optional<String>> parameters = context::getConfigurationParameter;
        // A name another run recorded is this run's only if this run has it; a system property is reported as one.
        List<String> ownParameters = LauncherParameterNames.seen().stream()
                .filter(name -> System.getProperty(name) == null && parameters.apply(name).isPresent())
                .toList();
        List<String> problems = new ArrayList<>(UnknownSettings.of(ownParameters,
                System.getProperties().stringPropertyNames(), System.getenv().keySet()));
        problems.addAll(EngineConfiguration.problems(parameters));
        return problems;
    }

    /**
     * Fails the run when its settings have a problem.
     *
     * @param context any extension context of the run
     * @throws ExtensionConfigurationException naming every problem: {@code Configuration error: PROBLEM} for one,
     *     {@code N configuration error(s) in the run's settings:} and one line per problem for more
     */
    public static void throwIfAny(ExtensionContext context) {
        List<String> problems = problems(context);
        if (problems.size() == 1) {
            throw new ExtensionConfigurationException("Configuration error: " + problems.get(0));
        }
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder().append(problems.size())
                    .append(" configuration error(s) in the run's settings:");
            problems.forEach(problem -> message.append(System.lineSeparator()).append("- ").append(problem));
            throw new ExtensionConfigurationException(message.toString());
        }
    }

    /** A run's problems, as its store keeps them. */
    private record Found(List<String> problems) {
        Found {
            problems = List.copyOf(problems);
        }
    }
}
