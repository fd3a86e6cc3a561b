package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The immutable content of a container: a base image reference and its instructions.
 *
 * @param baseImage the image reference the container starts from
 * @param steps     the instructions, in declaration order
 */
public record ContainerDefinition(String baseImage, List<StepDefinition> steps) {

    public ContainerDefinition {
        steps = List.copyOf(steps);
    }

    /** Returns a new definition with one more instruction. */
    public ContainerDefinition with(StepDefinition step) {
        List<StepDefinition> next = new ArrayList<>(steps);
        next.add(step);
        return new ContainerDefinition(baseImage, next);
    }
}
