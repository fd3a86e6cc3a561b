package dev.lattice.junit.internal.pipeline;

import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.DependencyCycle;
import dev.lattice.junit.internal.VisibleTypes;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The pipelines a test class can see: declared on it, its superclasses, the interfaces it implements and, for a
 * nested class, its enclosing classes. Nearer declarations hide farther ones of the same name.
 */
public final class PipelineDeclarations {

    private final Map<String, PipelineDeclaration> byName;
    private final List<String> duplicates;

    private PipelineDeclarations(Map<String, PipelineDeclaration> byName, List<String> duplicates) {
        this.byName = byName;
        this.duplicates = duplicates;
    }

    /**
     * Reads every pipeline declaration visible from a test class.
     *
     * @param testClass the test class
     * @return the declarations; empty when the class declares none
     */
    public static PipelineDeclarations of(Class<?> testClass) {
        Map<String, PipelineDeclaration> byName = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Class<?> type : VisibleTypes.of(testClass)) {
            Map<String, PipelineDeclaration> ofType = new LinkedHashMap<>();
            Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredFields()))
                    .filter(member -> ((AnnotatedElement) member).isAnnotationPresent(PipelineContainer.class))
                    // Reflection gives members in no fixed order; sorted, errors read the same on every run.
                    .sorted(Comparator.comparing(member -> ((Member) member).getName()))
                    .map(member -> PipelineDeclaration.of((Member) member,
                            ((AnnotatedElement) member).getAnnotation(PipelineContainer.class)))
                    .forEach(declaration -> {
                        PipelineDeclaration earlier = ofType.putIfAbsent(declaration.name(), declaration);
                        if (earlier != null) {
                            duplicates.add("@PipelineContainer \"" + declaration.name() + "\" is declared twice, on "
                                    + earlier.where() + " and " + declaration.where() + "; rename one of them");
                        }
                    });
            ofType.forEach(byName::putIfAbsent);
        }
        return new PipelineDeclarations(byName, duplicates);
    }

    /**
     * Finds a pipeline by name.
     *
     * @param name the pipeline's name
     * @return the declaration; empty when none of that name is visible
     */
    public Optional<PipelineDeclaration> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names visible, for error messages. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Whether the class can see any pipeline. */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Every declaration visible. */
    public List<PipelineDeclaration> all() {
        return List.copyOf(byName.values());
    }

    /**
     * Records every problem of the declarations: shapes, duplicates, unknown references and cycles.
     *
     * @param problems where each problem is added as one line with its fix
     */
    public void check(ConfigurationProblems problems) {
        duplicates.forEach(problems::add);
        for (PipelineDeclaration declaration : byName.values()) {
            declaration.checkShape(problems);
            for (String dependency : declaration.dependencies()) {
                if (!byName.containsKey(dependency)) {
                    problems.add(unknown(dependency, "parameter of " + declaration.where()));
                }
            }
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        byName.forEach((name, declaration) -> dependencies.put(name, declaration.dependencies()));
        DependencyCycle.find(dependencies).ifPresent(cycle -> problems.add("Pipelines depend on each other in a cycle: "
                + String.join(" -> ", cycle) + "; break the cycle, since a pipeline cannot be its own input"));
    }

    /**
     * The message for a reference to a pipeline that is not declared.
     *
     * @param name the name referred to
     * @param where what refers to it
     * @return one line: the thing, the problem, the fix
     */
    public String unknown(String name, String where) {
        return "@PipelineContainer(\"" + name + "\") on " + where + " names no pipeline; "
                + (byName.isEmpty() ? "declare a static @PipelineContainer method named " + name
                        : "declared pipelines are " + String.join(", ", byName.keySet()));
    }
}
