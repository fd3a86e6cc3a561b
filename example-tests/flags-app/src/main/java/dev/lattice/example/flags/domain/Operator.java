package dev.lattice.example.flags.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.function.BiPredicate;

/** Compares a context value (left) with a constraint value (right). */
public enum Operator {
    EQ("eq", String::equals),
    NEQ("neq", (actual, expected) -> !actual.equals(expected)),
    PREFIX("prefix", String::startsWith),
    SUFFIX("suffix", String::endsWith);

    private final String wireName;
    private final BiPredicate<String, String> test;

    Operator(String wireName, BiPredicate<String, String> test) {
        this.wireName = wireName;
        this.test = test;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean test(String actual, String expected) {
        return test.test(actual, expected);
    }

    public static Operator parse(String text) {
        return Arrays.stream(values())
                .filter(op -> op.wireName.equals(text))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "operator must be one of eq, neq, prefix, suffix; got '" + text + "'"));
    }
}
