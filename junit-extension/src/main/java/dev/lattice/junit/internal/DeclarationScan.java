package dev.lattice.junit.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The declarations a test class can see for one annotation ({@code @PipelineContainer}, {@code @ServiceContainer}):
 * the annotated fields and methods of the class, its superclasses, interfaces and enclosing classes, each read into a
 * declaration with a name. Nearer types hide farther declarations of the same name; one name declared twice on the
 * same type is a problem.
 *
 * @param byName the visible declarations by name, nearest type first
 * @param duplicates one line per name declared twice on one type, with the fix
 * @param <D> the declaration type
 */
public record DeclarationScan<D>(Map<String, D> byName, List<String> duplicates) {

    /** Copies what it is given: a scan does not change. */
    public DeclarationScan {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        duplicates = List.copyOf(duplicates);
    }

    /**
     * Reads every declaration visible from a test class.
     *
     * @param testClass the test class
     * @param annotation the annotation that declares
     * @param read makes the declaration of an annotated field or method
     * @param name a declaration's name
     * @param where where a declaration is, as errors name it: {@code FlagsTest#base()}
     * @param <A> the annotation type
     * @param <D> the declaration type
     * @return the scan; empty when nothing visible carries the annotation
     */
    public static <A extends Annotation, D> DeclarationScan<D> of(Class<?> testClass, Class<A> annotation,
                                                                 BiFunction<Member, A, D> read,
                                                                 Function<D, String> name, Function<D, String> where) {
        Map<String, D> byName = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Class<?> type : VisibleTypes.of(testClass)) {
            Map<String, D> ofType = new LinkedHashMap<>();
            Stream.concat(Stream.of(type.getDeclaredFields()), Stream.of(type.getDeclaredMethods()))
                    .filter(member -> ((AnnotatedElement) member).isAnnotationPresent(annotation))
                    // Reflection gives members in no fixed order; sorted, errors read the same on every run.
                    .sorted(Comparator.comparing(member -> ((Member) member).getName()))
                    .forEach(member -> {
                        A found = ((AnnotatedElement) member).getAnnotation(annotation);
                        D declaration = read.apply((Member) member, found);
                        D earlier = ofType.putIfAbsent(name.apply(declaration), declaration);
                        if (earlier != null) {
                            duplicates.add("@" + annotation.getSimpleName() + " \"" + name.apply(declaration)
                                    + "\" is declared twice, on " + where.apply(earlier) + " and "
                                    + where.apply(declaration) + "; rename one of them");
                        }
                    });
            ofType.forEach(byName::putIfAbsent);
        }
        return new DeclarationScan<>(byName, duplicates);
    }

    /**
     * Finds a visible declaration by name.
     *
     * @return the declaration; empty when none of that name is visible
     */
    public Optional<D> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every visible declaration, nearest type first. */
    public List<D> all() {
        return List.copyOf(byName.values());
    }
}
