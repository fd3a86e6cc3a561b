package dev.lattice.engine.internal;

import java.util.function.Supplier;

/**
 * A named secret whose value is read only when an exec needs it. Its string form never shows the value.
 *
 * @param name  a name that identifies the secret in keys and messages
 * @param value reads the value
 */
public record SecretValue(String name, Supplier<String> value) {

    /** Returns the secret's value. */
    public String reveal() {
        return value.get();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretValue that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + name + "]";
    }
}
