package dev.lattice.junit.internal.report;

import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.MatrixAxis;
import dev.lattice.junit.internal.MatrixCheck;
import dev.lattice.junit.internal.MatrixDeclaration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Checks {@link MatrixTest#report()}: empty, or one or two different axes of the matrix (the grid's rows, then its
 * columns).
 */
public final class ReportLayoutCheck implements MatrixCheck {

    @Override
    public void check(MatrixDeclaration declaration, ConfigurationProblems problems) {
        String[] layout = AnnotationSupport.findAnnotation(declaration.testMethod(), MatrixTest.class)
                .map(MatrixTest::report).orElse(new String[0]);
        if (layout.length == 0) {
            return;
        }
        List<String> axes = declaration.axes().stream().map(MatrixAxis::name).toList();
        String written = "@MatrixTest(report = {" + List.of(layout).stream().map(name -> "\"" + name + "\"")
                .collect(Collectors.joining(", ")) + "}) on " + problems.where();
        String fix = axes.isEmpty() ? "" : "; its axes are " + String.join(", ", axes);
        Set<String> distinct = new LinkedHashSet<>(List.of(layout));
        if (layout.length > 2 || distinct.size() < layout.length) {
            problems.add(written + " must name the grid's rows and columns: two different axes" + fix);
            return;
        }
        for (String name : layout) {
            if (!axes.contains(name)) {
                problems.add(written + " names \"" + name + "\", which is no axis of this matrix" + fix);
            }
        }
    }
}
