package dev.lattice.example.flags.domain;

import java.util.Map;

public record Constraint(String id, String property, Operator operator, String value) {

    /** A property absent from the context never matches, whatever the operator. */
    public boolean matches(Map<String, String> facts) {
        String actual = facts.get(property);
        return actual != null && operator.test(actual, value);
    }
}
