package dev.lattice.junit.internal.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host name a declared service has on the run's network. Services are declared by Java names, so a camel-case
 * name is spelt the way host names are: lower-case words joined by {@code -} ({@code flagsApi} is {@code flags-api});
 * other services reach it there, and Lattice's logs and errors show it.
 */
final class NetworkAlias {

    private static final Pattern WORD_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private NetworkAlias() {
    }

    /**
     * The alias of a declared service name.
     *
     * @param name the declared name: a method's name or the annotation's value
     * @return the alias; empty when the name has characters no host name may have
     */
    static Optional<String> of(String name) {
        String alias = WORD_BOUNDARY.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
        return VALID.matcher(alias).matches() ? Optional.of(alias) : Optional.empty();
    }

    /**
     * The problem of a declaration whose name makes no alias, with its fix.
     *
     * @param what the declaration, as errors name it
     * @return one line
     */
    static String unfit(String what) {
        return what + " cannot be a host name on the run's network; name it with letters, digits, '.', '_' and '-',"
                + " such as @ServiceContainer(\"flags-api\")";
    }
}
