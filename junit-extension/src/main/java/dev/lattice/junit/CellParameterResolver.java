package dev.lattice.junit;

import dev.lattice.junit.internal.report.RunRecorders;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a matrix test method the {@link Cell} it runs for, and records the cell in the invocation's context so that
 * Lattice's other resolvers (services chosen by an axis, service factories) see the same cell.
 *
 * @param cell the cell of this run
 */
record CellParameterResolver(Cell cell) implements ParameterResolver, BeforeEachCallback {

    private static final Namespace NAMESPACE = Namespace.create(CellParameterResolver.class);

    /**
     * The cell of the test invocation a context belongs to.
     *
     * @param context the context of a test method invocation (or of its lifecycle methods)
     * @return the cell; {@code null} when the invocation is not a matrix cell
     */
    static Cell of(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Cell.class, Cell.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Cell.class, cell);
        RunRecorders.of(context).cell(context.getUniqueId(), cell);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Cell.class;
    }

    @Override
    public Cell resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return cell;
    }
}
