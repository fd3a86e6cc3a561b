package dev.lattice.junit.internal.pipeline;

import dev.lattice.engine.Container;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.internal.ConfigurationProblems;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Evaluates a class's pipeline declarations as part of its configuration check, before any container starts:
 * calling a {@code @PipelineContainer} method only declares steps, so a method that throws (or gives null) is a
 * configuration error reported with the others, not a failure found once services are up. A declaration that
 * takes another pipeline's built {@code Image} cannot be evaluated without building, so it is left to the build.
 * The definitions evaluated here are the run's: the graph keeps them, and the build uses them.
 */
public final class PipelineDefinitionCheck {

    private final PipelineDeclarations declarations;
    private final PipelineGraph graph;
    private final Map<PipelineDeclaration, Outcome> outcomes = new HashMap<>();

    private PipelineDefinitionCheck(PipelineDeclarations declarations, PipelineGraph graph) {
        this.declarations = declarations;
        this.graph = graph;
    }

    /**
     * Evaluates every declaration that needs no built image, each once, its inputs first.
     *
     * @param declarations the class's pipelines, already checked for shape, references and cycles
     * @param graph the run's pipelines, which keep what is evaluated
     * @param problems where a declaration that throws or gives null is recorded, once, with its fix
     */
    public static void run(PipelineDeclarations declarations, PipelineGraph graph, ConfigurationProblems problems) {
        PipelineDefinitionCheck check = new PipelineDefinitionCheck(declarations, graph);
        declarations.all().forEach(declaration -> check.evaluate(declaration, problems));
    }

    private Outcome evaluate(PipelineDeclaration declaration, ConfigurationProblems problems) {
        Outcome known = outcomes.get(declaration);
        if (known != null) {
            return known;
        }
        Outcome outcome = Outcome.EVALUATED;
        if (declaration.source() instanceof Method method) {
            for (Parameter parameter : method.getParameters()) {
                Optional<PipelineDeclaration> input = declarations.find(
                        parameter.getAnnotation(PipelineContainer.class).value());
                if (!Container.class.equals(parameter.getType()) || input.isEmpty()
                        || evaluate(input.get(), problems) != Outcome.EVALUATED) {
                    outcome = Outcome.LEFT_TO_THE_BUILD;
                }
            }
        }
        if (outcome == Outcome.EVALUATED) {
            try {
                graph.definition(declarations, declaration);
            } catch (ExtensionConfigurationException failed) {
                problems.add(failed.getCause() == null ? failed.getMessage()
                        : "@PipelineContainer \"" + declaration.name() + "\" on " + declaration.where() + " threw "
                        + failed.getCause() + "; a pipeline method only declares steps, so fix what it throws");
                outcome = Outcome.FAILED;
            }
        }
        outcomes.put(declaration, outcome);
        return outcome;
    }

    private enum Outcome { EVALUATED, FAILED, LEFT_TO_THE_BUILD }
}
