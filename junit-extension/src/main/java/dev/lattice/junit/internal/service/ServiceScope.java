package dev.lattice.junit.internal.service;

import dev.lattice.junit.Cell;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What resolving a service may draw on: the cell (or none), the declarations the test class sees, and the context
 * that owns what the resolution creates.
 *
 * @param cell the matrix cell; {@code null} outside a matrix
 * @param pipelines the pipelines the class sees
 * @param declarations the services the class sees
 * @param context the context asking
 * @param reports whether the caller reports a failure to JUnit (a start in the background does not, so a failed
 *     pipeline's explanation is left for the cell that reports it)
 */
record ServiceScope(Cell cell, PipelineDeclarations pipelines, ServiceDeclarations declarations,
                    ExtensionContext context, boolean reports) {

    /** The declaration of a name; empty for a catalog name. */
    Optional<ServiceDeclaration> find(String name) {
        return declarations.find(name);
    }

    /** Whether the name is a service declared by a factory method. */
    boolean isFactory(String name) {
        return find(name).map(ServiceDeclaration::isFactory).orElse(false);
    }

    /**
     * The service an annotation names: its value, or the cell's value of its axis.
     *
     * @param where what carries the annotation, for the error
     * @throws ExtensionConfigurationException when it names an axis but there is no cell
     */
    String nameOf(ServiceContainer annotation, String where) {
        if (annotation.axis().isEmpty()) {
            return annotation.value();
        }
        if (cell == null) {
            throw new ExtensionConfigurationException("@ServiceContainer(axis = \"" + annotation.axis() + "\") on "
                    + where + " needs a @MatrixTest cell to pick the service; use it in a matrix test");
        }
        return cell.get(annotation.axis());
    }
}
