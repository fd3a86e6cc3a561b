package dev.lattice.junit.internal;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads configuration parameter {@value #PARAMETER}: the most cells of the run that may execute at once.
 */
public final class Parallelism {

    /** The configuration parameter holding the cap. */
    public static final String PARAMETER = "lattice.matrix.parallelism";

    private Parallelism() {
    }

    /**
     * Reads the cap from the parameter's text.
     *
     * @param text the parameter's value, if it is set
     * @param problems where to record text that is no positive whole number
     * @return the cap; empty if the parameter is unset, blank or invalid, leaving JUnit to decide
     */
    public static OptionalInt parse(Optional<String> text, ConfigurationProblems problems) {
        if (text.isEmpty() || text.get().isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int cap = Integer.parseInt(text.get().trim());
            if (cap >= 1) {
                return OptionalInt.of(cap);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the fix
        }
        problems.add("Configuration parameter " + PARAMETER + "=" + text.get()
                + " is not a positive whole number; write the most cells to run at once, such as 4");
        return OptionalInt.empty();
    }
}
