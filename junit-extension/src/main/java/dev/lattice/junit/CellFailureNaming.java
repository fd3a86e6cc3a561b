package dev.lattice.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Names the cell in a failed cell's failure. Test runners that report a test by JUnit's legacy name (Surefire's
 * console: {@code flagLifecycle(Cell, Service)[3]}) print the failure's stack trace, and with it this line:
 * {@code Suppressed: dev.lattice.junit.CellFailureNaming$InCell: in cell auth=on, store=postgres}.
 *
 * @param cell the cell of this invocation
 */
record CellFailureNaming(Cell cell) implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        failure.addSuppressed(new InCell(cell));
        throw failure;
    }

    /** The cell a failure happened in; carries no stack trace of its own. */
    static final class InCell extends RuntimeException {
        InCell(Cell cell) {
            super("in cell " + cell, null, false, false);
        }
    }
}
