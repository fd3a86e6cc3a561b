package dev.lattice.junit.internal.pipeline;

import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.internal.StaticMembers;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The pipelines of one test run: each declaration evaluated to its {@link Container} once and built to its
 * {@link Image} once, whichever test class asks first. The engine's own cache and in-flight de-duplication make
 * equal graphs declared in different places build once too. Thread-safe.
 */
public final class PipelineGraph {

    private final Supplier<Engine> engine;
    private final ConcurrentMap<Member, Container> definitions = new ConcurrentHashMap<>();
    private final ConcurrentMap<Member, CompletableFuture<Image>> images = new ConcurrentHashMap<>();
    // Failures already shown in full, by identity: one failed step explained once, whichever pipelines it broke.
    private final Set<Throwable> failuresExplained = ConcurrentHashMap.newKeySet();

    /**
     * Creates the run's graph.
     *
     * @param engine gives the run's engine, connecting on first use
     */
    public PipelineGraph(Supplier<Engine> engine) {
        this.engine = engine;
    }

    /**
     * Starts building the pipelines a class sees that none of them builds on. A pipeline that another one takes as a
     * {@code Container} is solved by that one's build as far as it needs: nothing of it when a later step is cached
     * locally or in a registry cache. It is built on its own only when something asks for its image.
     *
     * @param visible the declarations visible from the test class
     */
    public void buildEnds(PipelineDeclarations visible) {
        Set<String> builtOn = new HashSet<>();
        visible.all().forEach(declaration -> builtOn.addAll(declaration.definitionSources()));
        visible.all().stream().filter(declaration -> !builtOn.contains(declaration.name()))
                .forEach(declaration -> build(visible, declaration));
    }

    /**
     * Starts building a pipeline, unless it is built or building already.
     *
     * @param visible the declarations visible from the asking test class
     * @param declaration the pipeline
     * @return the image, when built; fails with the engine's exception when a step fails
     */
    public CompletableFuture<Image> build(PipelineDeclarations visible, PipelineDeclaration declaration) {
        CompletableFuture<Image> existing = images.get(declaration.source());
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Image> mine = new CompletableFuture<>();
        existing = images.putIfAbsent(declaration.source(), mine);
        if (existing != null) {
            return existing;
        }
        try {
            nameSources(visible, declaration);
            // A build reports nothing itself: a failed pipeline this one's definition needs fails this build too, and
            // is explained to the first caller that reports it.
            engine.get().solveAsync(declaration.name(), definition(visible, declaration, false))
                    .whenComplete((image, failure) -> {
                        if (failure != null) {
                            mine.completeExceptionally(unwrap(failure));
                        } else {
                            mine.complete(image);
                        }
                    });
        } catch (RuntimeException failure) {
            mine.completeExceptionally(failure);
        }
        return mine;
    }

    /**
     * The built image of a pipeline, waiting for it if needed, for a caller that reports a failure to JUnit (a
     * parameter resolution, a service factory called for a test, a class set-up).
     *
     * <p>When the build failed, the first caller gets the engine's exception with the failing step, its command,
     * exit code and last output lines; later callers get a short exception that points to it, so a failed
     * step is explained once, not once per test nor once per pipeline it broke.
     *
     * @param visible the declarations visible from the asking test class
     * @param declaration the pipeline
     * @return the image
     */
    public Image image(PipelineDeclarations visible, PipelineDeclaration declaration) {
        try {
            return build(visible, declaration).join();
        } catch (CompletionException failed) {
            RuntimeException cause = unwrap(failed.getCause());
            if (failuresExplained.add(cause)) {
                throw cause;
            }
            throw new PipelineFailedException(declaration, cause);
        }
    }

    /**
     * The built image of a pipeline, waiting for it if needed, for a caller that does not report a failure (a
     * service started ahead of its cells in the background): a failure is thrown as the engine gave it and stays
     * unexplained, so the first caller of {@link #image} still shows the step's output.
     *
     * @param visible the declarations visible from the asking test class
     * @param declaration the pipeline
     * @return the image
     */
    public Image imageUnreported(PipelineDeclarations visible, PipelineDeclaration declaration) {
        try {
            return build(visible, declaration).join();
        } catch (CompletionException failed) {
            throw unwrap(failed.getCause());
        }
    }

    /**
     * The definition of a pipeline: its method called, with the pipelines it takes as parameters, for a caller
     * that reports a failure to JUnit (see {@link #image}).
     *
     * @param visible the declarations visible from the asking test class
     * @param declaration the pipeline
     * @return the container definition, evaluated once per run
     */
    public Container definition(PipelineDeclarations visible, PipelineDeclaration declaration) {
        return definition(visible, declaration, true);
    }

    /**
     * The definition of a pipeline, for a caller that does not report a failure (see {@link #imageUnreported}).
     *
     * @param visible the declarations visible from the asking test class
     * @param declaration the pipeline
     * @return the container definition, evaluated once per run
     */
    public Container definitionUnreported(PipelineDeclarations visible, PipelineDeclaration declaration) {
        return definition(visible, declaration, false);
    }

    private Container definition(PipelineDeclarations visible, PipelineDeclaration declaration, boolean reported) {
        Container known = definitions.get(declaration.source());
        if (known != null) {
            return known;
        }
        // Evaluated outside the map: a definition may ask for the definitions it depends on.
        Container evaluated = evaluate(visible, declaration, reported);
        Container raced = definitions.putIfAbsent(declaration.source(), evaluated);
        return raced != null ? raced : evaluated;
    }

    private Container evaluate(PipelineDeclarations visible, PipelineDeclaration declaration, boolean reported) {
        String what = "@PipelineContainer \"" + declaration.name() + "\" on " + declaration.where();
        Object value = declaration.source() instanceof Method method
                ? StaticMembers.call(method, parameter -> argument(visible, declaration, parameter, reported), what,
                        "a pipeline method only declares steps, so fix what it throws")
                : StaticMembers.read((Field) declaration.source(), what);
        if (value == null) {
            throw new ExtensionConfigurationException(what + " gave null; return a Container");
        }
        return (Container) value;
    }

    /**
     * Names to the engine the pipelines whose definitions this one takes, and theirs, before its build: the steps this
     * build shares with them are labelled with those names in progress and reports, without solving them on their own.
     */
    private void nameSources(PipelineDeclarations visible, PipelineDeclaration declaration) {
        for (String name : declaration.definitionSources()) {
            visible.find(name).ifPresent(source -> {
                engine.get().declare(source.name(), definition(visible, source, false));
                nameSources(visible, source);
            });
        }
    }

    private Object argument(PipelineDeclarations visible, PipelineDeclaration declaration, Parameter parameter,
                            boolean reported) {
        String name = parameter.getAnnotation(PipelineContainer.class).value();
        PipelineDeclaration dependency = visible.find(name).orElseThrow(() -> new ExtensionConfigurationException(
                visible.unknown(name, "parameter of " + declaration.where())));
        if (!Image.class.equals(parameter.getType())) {
            return definition(visible, dependency, reported);
        }
        return reported ? image(visible, dependency) : imageUnreported(visible, dependency);
    }

    private static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
