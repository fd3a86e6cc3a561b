package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.service.Database;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Which services a test invocation was given, kept in its store, so that a failure can show their last log lines.
 */
final class UsedServices {

    private static final Namespace NAMESPACE = Namespace.create(UsedServices.class);
    private static final int LOG_LINES = 50;

    private UsedServices() {
    }

    /** Records the service behind a handle given to the invocation; a handle without a container is not recorded. */
    static void record(ExtensionContext context, Object handle) {
        Service service = serviceOf(handle);
        if (service != null) {
            of(context).add(service);
        }
    }

    /**
     * The last log lines of every service the invocation was given.
     *
     * @return one text per service; empty when it was given none
     */
    /** The container behind a handle: a Service, a server Database's or a Redis's; null for an embedded database. */
    static Service serviceOf(Object handle) {
        return handle instanceof Service s ? s
                : handle instanceof Database database ? database.service().orElse(null)
                : handle instanceof Redis redis ? redis.service() : null;
    }

    static List<String> logs(ExtensionContext context) {
        List<String> logs = new ArrayList<>();
        List<Service> services;
        synchronized (of(context)) {
            services = List.copyOf(of(context));
        }
        for (Service service : services) {
            List<String> lines = service.logs().lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            logs.add(last.isEmpty() ? "Service \"" + service.name() + "\" printed no logs"
                    : "Last " + last.size() + " log lines of service \"" + service.name() + "\":"
                    + System.lineSeparator() + String.join(System.lineSeparator(), last));
        }
        return logs;
    }

    @SuppressWarnings("unchecked")
    private static List<Service> of(ExtensionContext context) {
        return JupiterStores.computeIfAbsent(context.getStore(NAMESPACE), "used-services",
                () -> Collections.synchronizedList(new ArrayList<Service>()), List.class);
    }
}
