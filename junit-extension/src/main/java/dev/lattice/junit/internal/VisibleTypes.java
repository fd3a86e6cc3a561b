package dev.lattice.junit.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The types whose static declarations a test class sees. */
public final class VisibleTypes {

    private VisibleTypes() {
    }

    /**
     * The test class first, then its superclasses and interfaces, then its enclosing classes (for nested tests)
     * with theirs: nearer types come first, so their declarations hide farther ones of the same name.
     *
     * @param testClass the test class
     * @return the types, never empty
     */
    public static List<Class<?>> of(Class<?> testClass) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> scope = testClass; scope != null; scope = scope.getEnclosingClass()) {
            Deque<Class<?>> pending = new ArrayDeque<>();
            pending.add(scope);
            while (!pending.isEmpty()) {
                Class<?> type = pending.poll();
                if (Object.class.equals(type) || !types.add(type)) {
                    continue;
                }
                if (type.getSuperclass() != null) {
                    pending.add(type.getSuperclass());
                }
                pending.addAll(List.of(type.getInterfaces()));
            }
        }
        return new ArrayList<>(types);
    }
}
