package dev.lattice.junit.internal.service;

import dev.lattice.engine.Container;
import dev.lattice.engine.Engine;
import dev.lattice.engine.Image;
import dev.lattice.engine.spi.DaemonThreads;
import dev.lattice.engine.spi.OncePerKey;
import dev.lattice.junit.Cell;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.junit.internal.pipeline.PipelineDeclaration;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.junit.internal.pipeline.PipelineGraph;
import dev.lattice.junit.internal.report.RunRecorder;
import dev.lattice.service.Database;
import dev.lattice.service.DatabaseServer;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceRuntime;
import dev.lattice.service.ServiceSpec;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.testcontainers.lifecycle.Startable;

/**
 * The services of one test run: catalog servers, services declared by factories and Testcontainers
 * containers, each started once per distinct configuration, plus the per-cell databases on them. Thread-safe;
 * closing it stops everything it started.
 */
public final class SessionServices implements AutoCloseable {

    private static final Namespace NAMESPACE = Namespace.create(SessionServices.class);

    private final Supplier<Engine> engine;
    private final PipelineGraph pipelines;
    private final Object runtimeLock = new Object();
    private volatile ServiceRuntime runtime;
    private final OncePerKey<Object> started = new OncePerKey<>();
    private final List<Startable> testcontainers = new ArrayList<>();
    private final ExecutorService starter = Executors.newCachedThreadPool(DaemonThreads.named("lattice-service-start"));
    private final ServiceLifetimes lifetimes = new ServiceLifetimes(this::stopLater);
    private final RunRecorder recorder;

    /**
     * Creates the run's services.
     *
     * @param engine gives the run's engine, connecting on first use
     * @param pipelines the run's pipelines, for factories that take an image
     * @param recorder records when each service starts, is ready and stops, and which tests use it
     */
    public SessionServices(Supplier<Engine> engine, PipelineGraph pipelines, RunRecorder recorder) {
        this.engine = engine;
        this.pipelines = pipelines;
        this.recorder = recorder;
    }

    /**
     * Injects the static {@code @ServiceContainer} fields of a test class, starting what they need.
     *
     * @param context the class's context
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     */
    public void injectStaticFields(ExtensionContext context, PipelineDeclarations pipelineDeclarations,
                                   ServiceDeclarations declarations) {
        Scope scope = new Scope(null, pipelineDeclarations, declarations, context, true);
        for (ServiceDeclaration declaration : declarations.all()) {
            if (declaration.source() instanceof Field field) {
                if (declaration.isTestcontainers()) {
                    startTestcontainers(field);
                } else {
                    set(field, sharedAndKept(declaration.name(), field.getType(), scope));
                }
            }
        }
    }

    /**
     * Resolves a {@code @ServiceContainer} parameter of a test or lifecycle method.
     *
     * @param parameter the parameter
     * @param context the invocation's context, which owns its fresh databases
     * @param cell the invocation's cell; {@code null} outside a matrix
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     * @return the handle
     */
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context, Cell cell,
                                   PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations) {
        ServiceContainer annotation = parameter.findAnnotation(ServiceContainer.class).orElseThrow();
        String name = nameOf(annotation, cell, "parameter " + parameter.getParameter().getName());
        Scope scope = new Scope(cell, pipelineDeclarations, declarations, context, true);
        Class<?> type = parameter.getParameter().getType();
        String planned = cell == null ? null : plannedCell(context.getRequiredTestClass(),
                parameter.getDeclaringExecutable(), parameter.getIndex(), cell);
        Object handle;
        if (Database.class.equals(type)) {
            handle = freshDatabase(name, cellDatabaseName(context, parameter), scope);
        } else if (planned != null && isFactory(name, scope) && lifetimes.isPlanned(planned)) {
            // A planned cell holds the service until it ends; the service may stop after the last such cell.
            handle = shared(name, type, scope);
            lifetimes.known(planned, (Service) handle);
            JupiterStores.closeWhenDone(context.getStore(NAMESPACE), () -> lifetimes.ended(planned));
        } else {
            handle = sharedAndKept(name, type, scope);
        }
        recordUse(context, handle);
        recorder.serviceUsed(context.getUniqueId(), serviceOf(handle));
        return handle;
    }

    /**
     * Starts, ahead of the first cell and concurrently, the services the given cells of a matrix method need.
     * Failures are not reported here: the cell that needs the service reports them.
     *
     * @param context the test template's context
     * @param method the matrix test method
     * @param cells the cells that will run
     * @param pipelineDeclarations the pipelines the class sees
     * @param declarations the services the class sees
     */
    public void prepare(ExtensionContext context, Method method, List<Cell> cells,
                        PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations) {
        Parameter[] parameters = method.getParameters();
        checkFactories(context, parameters, cells, pipelineDeclarations, declarations);
        for (int index = 0; index < parameters.length; index++) {
            Parameter parameter = parameters[index];
            ServiceContainer annotation = parameter.getAnnotation(ServiceContainer.class);
            if (annotation == null) {
                continue;
            }
            for (Cell cell : cells) {
                // Started in the background, where a failure is not reported: the cell that needs it reports it.
                Scope scope = new Scope(cell, pipelineDeclarations, declarations, context, false);
                String name = nameOf(annotation, cell, "parameter " + parameter.getName());
                Class<?> type = Database.class.equals(parameter.getType()) ? Service.class : parameter.getType();
                if (!isFactory(name, scope) || Database.class.equals(parameter.getType())) {
                    CompletableFuture.runAsync(() -> shared(name, type, scope), starter);
                    continue;
                }
                String planned = plannedCell(context.getRequiredTestClass(), method, index, cell);
                lifetimes.planned(planned);
                CompletableFuture.runAsync(() -> {
                    try {
                        lifetimes.known(planned, (Service) shared(name, type, scope));
                    } catch (RuntimeException reportedByTheCell) {
                        lifetimes.ended(planned);
                    }
                }, starter);
            }
        }
    }

    /**
     * Calls, before any service of the preparation starts, each factory the cells name that needs nothing started
     * (it takes only the cell), so that one giving null or throwing for some cell fails the matrix before the other
     * cells' services start. Other factories are called as their services start, and their cells report them.
     *
     * @throws ExtensionConfigurationException naming the factory, the cell and the fix
     */
    private void checkFactories(ExtensionContext context, Parameter[] parameters, List<Cell> cells,
                                PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations) {
        for (Parameter parameter : parameters) {
            ServiceContainer annotation = parameter.getAnnotation(ServiceContainer.class);
            if (annotation == null || Database.class.equals(parameter.getType())) {
                continue;
            }
            for (Cell cell : cells) {
                Scope scope = new Scope(cell, pipelineDeclarations, declarations, context, true);
                declarations.find(nameOf(annotation, cell, "parameter " + parameter.getName()))
                        .filter(ServiceDeclaration::isFactory)
                        .filter(SessionServices::startsNothing)
                        .ifPresent(factory -> spec(factory, scope));
            }
        }
    }

    /**
     * Whether calling a factory starts and waits for nothing: it takes at most the cell. (A pipeline's definition
     * may itself need another pipeline's built image, and a service parameter starts that service.)
     */
    private static boolean startsNothing(ServiceDeclaration factory) {
        return List.of(((Method) factory.source()).getParameters()).stream()
                .allMatch(parameter -> Cell.class.equals(parameter.getType()));
    }

    /**
     * The last log lines of every service a failed invocation used, to attach to its failure.
     *
     * @param context the failed invocation's context
     * @return one text per service that has a container; empty when it used none
     */
    public List<String> logsOfServicesUsed(ExtensionContext context) {
        List<String> logs = new ArrayList<>();
        for (Service service : usedServices(context)) {
            List<String> lines = service.logs().lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - 50), lines.size());
            logs.add(last.isEmpty() ? "Service \"" + service.name() + "\" printed no logs"
                    : "Last " + last.size() + " log lines of service \"" + service.name() + "\":"
                    + System.lineSeparator() + String.join(System.lineSeparator(), last));
        }
        return logs;
    }

    @Override
    public void close() {
        starter.shutdownNow();
        List<Startable> containers;
        synchronized (testcontainers) {
            containers = List.copyOf(testcontainers);
        }
        containers.forEach(Startable::stop);
        // A service still stopping after its last cell is removed along with the rest; the network goes once it is.
        ServiceRuntime started = runtime;
        if (started != null) {
            started.close();
        }
    }

    private ServiceRuntime runtime() {
        ServiceRuntime current = runtime;
        if (current == null) {
            synchronized (runtimeLock) {
                current = runtime;
                if (current == null) {
                    current = ServiceRuntime.create(engine.get());
                    runtime = current;
                }
            }
        }
        return current;
    }

    /** A handle shared by every user of the same name and type in this run. */
    private Object shared(String name, Class<?> type, Scope scope) {
        long requested = System.currentTimeMillis();
        Object handle = startShared(name, type, scope);
        recorder.serviceReady(serviceOf(handle), requested);
        return handle;
    }

    private Object startShared(String name, Class<?> type, Scope scope) {
        ServiceDeclaration declaration = scope.declarations.find(name).orElse(null);
        if (declaration != null && declaration.isFactory()) {
            if (!Service.class.equals(type)) {
                throw new ExtensionConfigurationException("Service \"" + name + "\" (" + declaration.where()
                        + ") is a Service, not a " + type.getSimpleName() + "; ask for it as a Service");
            }
            return runtime().start(spec(declaration, scope));
        }
        if (declaration != null && declaration.isTestcontainers()) {
            return startTestcontainers((Field) declaration.source());
        }
        String catalogName = declaration != null ? declaration.catalogName() : name;
        String key = (declaration != null ? declaration.where() : catalogName) + "|" + type.getName();
        return started.get(key, () -> catalogHandle(catalogName, type, sharedDatabaseName(declaration, catalogName)));
    }

    private Object catalogHandle(String catalogName, Class<?> type, String databaseName) {
        if (EmbeddedDatabases.NAMES.contains(catalogName)) {
            return EmbeddedDatabases.sqlite(databaseName);
        }
        if (Redis.class.equals(type)) {
            return runtime().startRedis(ServiceCatalog.named(catalogName));
        }
        if (Service.class.equals(type)) {
            return runtime().startService(ServiceCatalog.named(catalogName));
        }
        if (Database.class.equals(type)) {
            return server(catalogName).newDatabase(databaseName);
        }
        throw new ExtensionConfigurationException("Service \"" + catalogName + "\" cannot be given as a "
                + type.getSimpleName() + "; ask for a Database, Redis or Service");
    }

    private DatabaseServer server(String catalogName) {
        return runtime().startDatabase(ServiceCatalog.named(catalogName));
    }

    /** A database of its own for one invocation, dropped when the invocation ends. */
    private Database freshDatabase(String name, String databaseName, Scope scope) {
        ServiceDeclaration declaration = scope.declarations.find(name).orElse(null);
        String catalogName = declaration != null && !declaration.isFactory() ? declaration.catalogName() : name;
        if (EmbeddedDatabases.NAMES.contains(catalogName)) {
            return EmbeddedDatabases.sqlite(databaseName);
        }
        DatabaseServer server = server(catalogName);
        Database database = server.newDatabase(databaseName);
        JupiterStores.closeWhenDone(scope.context.getStore(NAMESPACE), () -> server.dropDatabase(database));
        return database;
    }

    /**
     * The same name for the same test invocation and parameter in every run, so that what a cell hands its database
     * name to (a cached pipeline step, say) sees the same input each time.
     */
    private static String cellDatabaseName(ExtensionContext context, ParameterContext parameter) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((context.getUniqueId() + "|"
                    + parameter.getIndex()).getBytes(StandardCharsets.UTF_8));
            return "cell_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String sharedDatabaseName(ServiceDeclaration declaration, String catalogName) {
        String base = declaration != null
                ? declaration.source().getDeclaringClass().getSimpleName() + "_" + declaration.name()
                : "lattice_" + catalogName;
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private ServiceSpec spec(ServiceDeclaration declaration, Scope scope) {
        Method factory = (Method) declaration.source();
        Parameter[] parameters = factory.getParameters();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = factoryArgument(declaration, parameters[i], scope);
        }
        try {
            factory.setAccessible(true);
            ServiceSpec spec = (ServiceSpec) factory.invoke(null, arguments);
            if (spec == null) {
                throw new ExtensionConfigurationException("@ServiceContainer \"" + declaration.name() + "\" on "
                        + declaration.where() + " returned null" + (scope.cell == null ? "" : " for cell [" + scope.cell
                        + "]") + "; return a ServiceSpec, such as ServiceSpec.of(image), for every cell that uses it");
            }
            return spec.named(declaration.name());
        } catch (InvocationTargetException threw) {
            throw new ExtensionConfigurationException("@ServiceContainer \"" + declaration.name() + "\" on "
                    + declaration.where() + " threw: " + threw.getCause(), threw.getCause());
        } catch (IllegalAccessException denied) {
            throw new ExtensionConfigurationException("@ServiceContainer \"" + declaration.name() + "\" on "
                    + declaration.where() + " cannot be called: " + denied.getMessage(), denied);
        }
    }

    private Object factoryArgument(ServiceDeclaration declaration, Parameter parameter, Scope scope) {
        if (Cell.class.equals(parameter.getType())) {
            if (scope.cell == null) {
                throw new ExtensionConfigurationException("@ServiceContainer \"" + declaration.name() + "\" on "
                        + declaration.where() + " takes a Cell, but is used outside a @MatrixTest cell; use it"
                        + " from a matrix test, or drop the Cell parameter");
            }
            return scope.cell;
        }
        PipelineContainer pipeline = parameter.getAnnotation(PipelineContainer.class);
        if (pipeline != null) {
            PipelineDeclaration found = scope.pipelineDeclarations.find(pipeline.value())
                    .orElseThrow(() -> new ExtensionConfigurationException(scope.pipelineDeclarations.unknown(
                            pipeline.value(), "parameter " + parameter.getName() + " of " + declaration.where())));
            if (Image.class.equals(parameter.getType())) {
                return scope.reports ? pipelines.image(scope.pipelineDeclarations, found)
                        : pipelines.imageUnreported(scope.pipelineDeclarations, found);
            }
            return scope.reports ? pipelines.definition(scope.pipelineDeclarations, found)
                    : pipelines.definitionUnreported(scope.pipelineDeclarations, found);
        }
        ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
        String name = service != null && !service.axis().isEmpty()
                ? nameOf(service, scope.cell, "parameter " + parameter.getName() + " of " + declaration.where())
                : ServiceDeclarations.referencedName(parameter);
        return sharedAndKept(name, parameter.getType(), scope);
    }

    private static boolean isFactory(String name, Scope scope) {
        return scope.declarations.find(name).map(ServiceDeclaration::isFactory).orElse(false);
    }

    /** Identifies a parameter of a planned cell: the same in {@link #prepare} and when the cell resolves it. */
    private static String plannedCell(Class<?> testClass, Executable method, int index, Cell cell) {
        return testClass.getName() + "#" + method.toGenericString() + "#" + index + "|" + cell;
    }

    /** A shared handle that stays until the end of the run, for a use outside the planned cells. */
    private Object sharedAndKept(String name, Class<?> type, Scope scope) {
        Object handle = shared(name, type, scope);
        if (!isFactory(name, scope)) {
            return handle;
        }
        // A service stopping after its last planned cell is forgotten first: asking again starts a new one.
        while (!lifetimes.keep((Service) handle)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while service \"" + name + "\" restarts", interrupted);
            }
            handle = shared(name, type, scope);
        }
        return handle;
    }

    private void stopLater(Service service) {
        try {
            starter.execute(() -> {
                try {
                    runtime().stop(service);
                    recorder.serviceStopped(service);
                } catch (RuntimeException failed) {
                    // The run's cleanup removes it at the latest.
                }
            });
        } catch (RejectedExecutionException closing) {
            // The run is ending: its cleanup removes the service with the others.
        }
    }

    private static String nameOf(ServiceContainer annotation, Cell cell, String where) {
        if (annotation.axis().isEmpty()) {
            return annotation.value();
        }
        if (cell == null) {
            throw new ExtensionConfigurationException("@ServiceContainer(axis = \"" + annotation.axis() + "\") on "
                    + where + " needs a @MatrixTest cell to pick the service; use it in a matrix test");
        }
        return cell.get(annotation.axis());
    }

    private Object startTestcontainers(Field field) {
        return started.get("testcontainers|" + field.getDeclaringClass().getName() + "#" + field.getName(), () -> {
            Startable container = (Startable) get(field);
            container.start();
            synchronized (testcontainers) {
                testcontainers.add(container);
            }
            return container;
        });
    }

    private static void recordUse(ExtensionContext context, Object handle) {
        Service service = serviceOf(handle);
        if (service != null) {
            usedServices(context).add(service);
        }
    }

    private static Service serviceOf(Object handle) {
        return handle instanceof Service s ? s
                : handle instanceof Database database ? database.service().orElse(null)
                : handle instanceof Redis redis ? redis.service() : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Service> usedServices(ExtensionContext context) {
        return JupiterStores.computeIfAbsent(context.getStore(NAMESPACE), "used-services",
                () -> java.util.Collections.synchronizedList(new ArrayList<Service>()), List.class);
    }

    private static Object get(Field field) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (IllegalAccessException denied) {
            throw new ExtensionConfigurationException("Cannot read " + field + ": " + denied.getMessage(), denied);
        }
    }

    private static void set(Field field, Object value) {
        try {
            field.setAccessible(true);
            field.set(null, value);
        } catch (IllegalAccessException denied) {
            throw new ExtensionConfigurationException("Cannot inject " + field + ": " + denied.getMessage(), denied);
        }
    }

    /**
     * What a resolution may draw on: the cell (or none), the declarations the class sees, and its context; and
     * whether its caller reports a failure to JUnit (a background start does not).
     */
    private record Scope(Cell cell, PipelineDeclarations pipelineDeclarations, ServiceDeclarations declarations,
                         ExtensionContext context, boolean reports) {
    }
}
