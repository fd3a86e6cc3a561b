package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.report.SessionRecorder;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.service.Database;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * Resolves a {@code @ServiceContainer} parameter of a test or lifecycle method: a {@link Database} parameter gets a
 * database of its own; a planned matrix cell holds its factory's service until it ends; anything else gets the
 * shared handle, kept until the end of the run. Records what it gives, for the invocation's failure logs.
 */
final class ServiceParameters {

    private static final Namespace NAMESPACE = Namespace.create(ServiceParameters.class);

    private final SharedServices shared;
    private final CellDatabases databases;

    private final SessionRecorder recorder;

    ServiceParameters(SharedServices shared, CellDatabases databases, SessionRecorder recorder) {
        this.shared = shared;
        this.databases = databases;
        this.recorder = recorder;
    }

    /**
     * The handle for the parameter.
     *
     * @param parameter the parameter
     * @param scope the invocation's scope; its context owns the fresh databases and the cell's hold on its service
     */
    Object resolve(ParameterContext parameter, ServiceScope scope) {
        ServiceContainer annotation = parameter.findAnnotation(ServiceContainer.class).orElseThrow();
        String name = scope.nameOf(annotation, "parameter " + parameter.getParameter().getName());
        Class<?> type = parameter.getParameter().getType();
        ExtensionContext context = scope.context();
        String planned = scope.cell() == null ? null : ServiceLifetimes.cellKey(context.getRequiredTestClass(),
                parameter.getDeclaringExecutable(), parameter.getIndex(), scope.cell());
        Object handle;
        if (Database.class.equals(type)) {
            handle = databases.fresh(name, parameter, scope);
        } else if (planned != null && scope.isFactory(name) && shared.isPlanned(planned)) {
            // A planned cell holds the service until it ends; the service may stop after the last such cell.
            handle = shared.heldBy(planned, name, type, scope);
            JupiterStores.closeWhenDone(context.getStore(NAMESPACE), () -> shared.ended(planned));
        } else {
            handle = shared.kept(name, type, scope);
        }
        UsedServices.record(context, handle);
        recorder.current().serviceUsed(context.getUniqueId(), UsedServices.serviceOf(handle));
        return handle;
    }
}
