package dev.lattice.engine;

import dev.lattice.engine.internal.SecretValue;

import java.util.Objects;

/**
 * A secret value for execs. Its value never appears in {@link #toString()}, in an image, or in a
 * cache key: only its name does. Immutable.
 */
public final class Secret {

    private final SecretValue value;

    private Secret(SecretValue value) {
        this.value = value;
    }

    /** Returns a secret with the given name and value. */
    public static Secret of(String name, String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(new SecretValue(name, () -> value));
    }

    /**
     * Returns a secret read from an environment variable of this JVM when an exec needs it; fails then
     * with a message naming the variable if it is not set.
     */
    public static Secret fromEnv(String variable) {
        return new Secret(new SecretValue(variable, () -> {
            String found = System.getenv(variable);
            if (found == null) {
                throw new LatticeException("Secret environment variable " + variable
                        + " is not set; export it before running the tests");
            }
            return found;
        }));
    }

    /** Returns the secret's name, never its value. */
    public String name() {
        return value.name();
    }

    SecretValue value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + name() + "]";
    }
}
