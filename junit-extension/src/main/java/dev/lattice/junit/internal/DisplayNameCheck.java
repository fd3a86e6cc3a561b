package dev.lattice.junit.internal;

import dev.lattice.junit.MatrixTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Checks that the display name pattern of {@link MatrixTest#name()} is not blank and that each of
 * its placeholders names something.
 */
final class DisplayNameCheck implements MatrixCheck {

    @Override
    public void check(MatrixDeclaration declaration, ConfigurationProblems problems) {
        String pattern = AnnotationSupport.findAnnotation(declaration.testMethod(), MatrixTest.class)
                .map(MatrixTest::name)
                .orElse("{cell}");
        if (pattern.isBlank()) {
            problems.add("@MatrixTest(name = \"" + pattern + "\") on " + problems.where()
                    + " is blank; leave the default \"{cell}\" or use placeholders such as {index}");
            return;
        }
        Set<String> axisNames = declaration.axes().stream().map(MatrixAxis::name).collect(Collectors.toSet());
        List<String> unknown = new DisplayNamePattern(pattern).unknownPlaceholders(axisNames);
        if (!unknown.isEmpty()) {
            String axes = declaration.axes().stream()
                    .map(axis -> "{" + axis.name() + "}")
                    .collect(Collectors.joining(", "));
            problems.add("@MatrixTest(name = \"" + pattern + "\") on " + problems.where() + " has "
                    + String.join(", ", unknown) + ", which names nothing; use {cell}, {index}, {displayName}"
                    + (axes.isEmpty() ? "" : " or an axis: " + axes));
        }
    }
}
