package dev.lattice.engine;

import java.time.Duration;

/**
 * One progress event of a step.
 *
 * @param pipelineName the pipeline's name
 * @param index        the step's 1-based index
 * @param count        the pipeline's number of steps
 * @param description  e.g. {@code RUN mvn -B dependency:go-offline}
 * @param duration     time spent so far; zero for {@code started} and {@code cached}
 */
public record StepEvent(String pipelineName, int index, int count, String description, Duration duration) {
}
