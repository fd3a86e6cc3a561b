package dev.lattice.junit.internal.pipeline;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.internal.ConfigurationProblems;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * One {@code @PipelineContainer} declaration: a static method or field that gives an engine {@link Container}.
 *
 * @param name the pipeline's name
 * @param source the declaring static method or field
 */
public record PipelineDeclaration(String name, Member source) {

    /** Reads a declaration from an annotated method or field. */
    static PipelineDeclaration of(Member source, PipelineContainer annotation) {
        String name = annotation.value().isEmpty() ? source.getName() : annotation.value();
        return new PipelineDeclaration(name, source);
    }

    /** Where it is declared, as users write it: {@code FlagsPipelines#base()} or {@code FlagsPipelines#base}. */
    public String where() {
        return source.getDeclaringClass().getSimpleName() + "#" + source.getName()
                + (source instanceof Method ? "()" : "");
    }

    /** The names of the pipelines this one takes as parameters, in parameter order. */
    public List<String> dependencies() {
        return pipelineParameters((parameter, annotation) -> !annotation.value().isEmpty());
    }

    /** The names of the pipelines this one takes as a {@code Container} to build on or copy from. */
    List<String> definitionSources() {
        return pipelineParameters((parameter, annotation) -> Container.class.equals(parameter.getType()));
    }

    /** The names on the method's {@code @PipelineContainer} parameters that the filter keeps, in parameter order. */
    private List<String> pipelineParameters(BiPredicate<Parameter, PipelineContainer> keep) {
        List<String> names = new ArrayList<>();
        if (source instanceof Method method) {
            for (Parameter parameter : method.getParameters()) {
                PipelineContainer annotation = parameter.getAnnotation(PipelineContainer.class);
                if (annotation != null && keep.test(parameter, annotation)) {
                    names.add(annotation.value());
                }
            }
        }
        return names;
    }

    /** Records what is wrong with the declaration's own shape (not its references to other pipelines). */
    void checkShape(ConfigurationProblems problems) {
        String what = "@PipelineContainer \"" + name + "\" on " + where();
        if (!Modifier.isStatic(source.getModifiers())) {
            problems.add(what + " is not static; make it static, since pipelines are shared by the whole test run");
        }
        Class<?> type = source instanceof Method method ? method.getReturnType() : ((Field) source).getType();
        if (!Container.class.equals(type)) {
            problems.add(what + " gives " + type.getSimpleName() + ", not a Container; return a "
                    + Container.class.getName());
        }
        if (source instanceof Method method) {
            for (Parameter parameter : method.getParameters()) {
                PipelineContainer annotation = parameter.getAnnotation(PipelineContainer.class);
                if (annotation == null || annotation.value().isEmpty()) {
                    problems.add("Parameter " + parameter.getName() + " of " + what
                            + " names no pipeline; annotate it @PipelineContainer(\"name\")");
                } else if (!Container.class.equals(parameter.getType())
                        && !Image.class.equals(parameter.getType())) {
                    problems.add("Parameter " + parameter.getName() + " of " + what + " is a "
                            + parameter.getType().getSimpleName() + "; a pipeline parameter is a Container or an Image");
                }
            }
        }
    }
}
