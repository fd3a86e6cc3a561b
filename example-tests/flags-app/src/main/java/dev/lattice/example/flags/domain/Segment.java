package dev.lattice.example.flags.domain;

import java.util.List;
import java.util.Map;

/** A group of entities described by constraints on their context. */
public record Segment(String namespaceKey, String key, String name, MatchType matchType,
                      List<Constraint> constraints) {

    public Segment {
        constraints = List.copyOf(constraints);
    }

    /** A segment without constraints matches everyone. */
    public boolean matches(Map<String, String> facts) {
        if (constraints.isEmpty()) {
            return true;
        }
        return switch (matchType) {
            case ALL -> constraints.stream().allMatch(c -> c.matches(facts));
            case ANY -> constraints.stream().anyMatch(c -> c.matches(facts));
        };
    }
}
