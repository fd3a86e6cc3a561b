package dev.lattice.junit.internal.pipeline;

import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.DeclarationScan;
import dev.lattice.junit.internal.DependencyCycle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pipelines a test class can see: declared on it, its superclasses, the interfaces it implements and, for a
 * nested class, its enclosing classes. Nearer declarations hide farther ones of the same name.
 */
public final class PipelineDeclarations {

    private final DeclarationScan<PipelineDeclaration> scan;

    private PipelineDeclarations(DeclarationScan<PipelineDeclaration> scan) {
        this.scan = scan;
    }

    /**
     * Reads every pipeline declaration visible from a test class.
     *
     * @param testClass the test class
     * @return the declarations; empty when the class declares none
     */
    public static PipelineDeclarations of(Class<?> testClass) {
        return new PipelineDeclarations(DeclarationScan.of(testClass, PipelineContainer.class,
                PipelineDeclaration::of, PipelineDeclaration::name, PipelineDeclaration::where));
    }

    /**
     * Finds a pipeline by name.
     *
     * @param name the pipeline's name
     * @return the declaration; empty when none of that name is visible
     */
    public Optional<PipelineDeclaration> find(String name) {
        return scan.find(name);
    }

    /** The names visible, for error messages. */
    public Set<String> names() {
        return scan.byName().keySet();
    }

    /** Whether the class can see any pipeline. */
    public boolean isEmpty() {
        return scan.byName().isEmpty();
    }

    /** Every declaration visible. */
    public List<PipelineDeclaration> all() {
        return scan.all();
    }

    /**
     * Records every problem of the declarations: shapes, duplicates, unknown references and cycles.
     *
     * @param problems where each problem is added as one line with its fix
     */
    public void check(ConfigurationProblems problems) {
        scan.duplicates().forEach(problems::add);
        for (PipelineDeclaration declaration : scan.byName().values()) {
            declaration.checkShape(problems);
            for (String dependency : declaration.dependencies()) {
                if (!scan.byName().containsKey(dependency)) {
                    problems.add(unknown(dependency, "parameter of " + declaration.where()));
                }
            }
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        scan.byName().forEach((name, declaration) -> dependencies.put(name, declaration.dependencies()));
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
                + (scan.byName().isEmpty() ? "declare a static @PipelineContainer method named " + name
                        : "declared pipelines are " + String.join(", ", scan.byName().keySet()));
    }
}
