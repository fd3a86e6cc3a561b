package dev.lattice.junit;

import java.lang.reflect.Method;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Lets at most a fixed number of cells of the run execute their test method at the same time.
 * Fair, so that a waiting cell is not overtaken indefinitely.
 */
final class CellConcurrencyLimit implements InvocationInterceptor {

    private final Semaphore permits;

    CellConcurrencyLimit(int permits) {
        this.permits = new Semaphore(permits, true);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext)
            throws Throwable {
        permits.acquire();
        try {
            invocation.proceed();
        } finally {
            permits.release();
        }
    }
}
