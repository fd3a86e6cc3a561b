package dev.lattice.junit.internal.service;

import dev.lattice.engine.Container;
import dev.lattice.engine.Image;
import dev.lattice.junit.Cell;
import dev.lattice.junit.PipelineContainer;
import dev.lattice.junit.ServiceContainer;
import dev.lattice.junit.internal.ConfigurationProblems;
import dev.lattice.junit.internal.DeclarationScan;
import dev.lattice.junit.internal.DependencyCycle;
import dev.lattice.junit.internal.NearMiss;
import dev.lattice.junit.internal.pipeline.PipelineDeclarations;
import dev.lattice.service.Database;
import dev.lattice.service.Redis;
import dev.lattice.service.Service;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The services a test class can see: {@code @ServiceContainer} fields and factory methods declared on it, its
 * superclasses, interfaces and enclosing classes, plus the catalog's services by name.
 */
public final class ServiceDeclarations {

    /** The service types a field or parameter may ask for. */
    public static final Set<Class<?>> HANDLE_TYPES = Set.of(Service.class, Database.class, Redis.class);

    private final DeclarationScan<ServiceDeclaration> scan;

    private ServiceDeclarations(DeclarationScan<ServiceDeclaration> scan) {
        this.scan = scan;
    }

    /**
     * Reads every service declaration visible from a test class.
     *
     * @param testClass the test class
     * @return the declarations; empty when the class declares none
     */
    public static ServiceDeclarations of(Class<?> testClass) {
        return new ServiceDeclarations(DeclarationScan.of(testClass, ServiceContainer.class,
                ServiceDeclaration::of, ServiceDeclaration::name, ServiceDeclaration::where));
    }

    /**
     * Finds a declared service by name.
     *
     * @param name the name
     * @return the declaration; empty when the class declares none of that name (it may still be a catalog name)
     */
    public Optional<ServiceDeclaration> find(String name) {
        return scan.find(name);
    }

    /** Every declaration visible. */
    public List<ServiceDeclaration> all() {
        return scan.all();
    }

    /**
     * Whether a name refers to something: a declared service, a catalog service or an embedded database.
     *
     * @param name the name
     * @return {@code true} if resolvable
     */
    public boolean knows(String name) {
        return scan.byName().containsKey(name) || ServiceCatalog.names().contains(name)
                || EmbeddedDatabases.NAMES.contains(name);
    }

    /**
     * The message for a name that refers to nothing.
     *
     * @param name the unknown name
     * @param where what refers to it
     * @return one line: the thing, the problem and the fix
     */
    public String unknown(String name, String where) {
        Set<String> known = new TreeSet<>(scan.byName().keySet());
        known.addAll(ServiceCatalog.names());
        known.addAll(EmbeddedDatabases.NAMES);
        return "@ServiceContainer \"" + name + "\" on " + where + " names no service; " + NearMiss.hint(name, known)
                + "use one of " + String.join(", ", known) + ", or declare a static @ServiceContainer method named "
                + name;
    }

    /**
     * Records every problem of the declarations: shapes, unknown names, parameters nothing resolves, cycles.
     *
     * @param pipelines the pipelines the class sees, for factory parameters that ask for one
     * @param problems where each problem is added as one line with its fix
     */
    public void check(PipelineDeclarations pipelines, ConfigurationProblems problems) {
        scan.duplicates().forEach(problems::add);
        for (ServiceDeclaration declaration : scan.byName().values()) {
            String what = "@ServiceContainer \"" + declaration.name() + "\" on " + declaration.where();
            if (!declaration.isStatic()) {
                problems.add(what + " is not static; make it static, since services are shared by the test run");
            }
            if (declaration.isFactory()) {
                checkFactory(declaration, what, pipelines, problems);
            } else if (!declaration.isTestcontainers()) {
                checkCatalogField(declaration, what, problems);
            }
        }
        DependencyCycle.find(bindings()).ifPresent(cycle -> problems.add("Services bind each other in a cycle: "
                + String.join(" -> ", cycle) + "; a service cannot need itself, so remove one binding"));
    }

    private void checkCatalogField(ServiceDeclaration declaration, String what, ConfigurationProblems problems) {
        Class<?> type = ((Field) declaration.source()).getType();
        if (!HANDLE_TYPES.contains(type)) {
            problems.add(what + " is a " + type.getSimpleName()
                    + "; a service field is a Database, Redis or Service, or a Testcontainers container");
        }
        String catalogName = declaration.catalogName();
        if (catalogName.isEmpty()) {
            problems.add(what + " names no catalog service; write @ServiceContainer(\"postgres\") (catalog: "
                    + String.join(", ", ServiceCatalog.names()) + ")");
        } else if (!ServiceCatalog.names().contains(catalogName) && !EmbeddedDatabases.NAMES.contains(catalogName)) {
            problems.add(what + " names \"" + catalogName + "\", which is not in the catalog; "
                    + NearMiss.hint(catalogName, ServiceCatalog.names()) + "use one of "
                    + String.join(", ", ServiceCatalog.names()));
        }
    }

    private void checkFactory(ServiceDeclaration declaration, String what, PipelineDeclarations pipelines,
                              ConfigurationProblems problems) {
        Method method = (Method) declaration.source();
        if (!ServiceSpec.class.equals(method.getReturnType())) {
            problems.add(what + " returns " + method.getReturnType().getSimpleName() + "; return a ServiceSpec");
        }
        if (NetworkAlias.of(declaration.name()).isEmpty()) {
            problems.add(NetworkAlias.unfit(what));
        }
        for (Parameter parameter : method.getParameters()) {
            String where = "parameter " + parameter.getName() + " of " + declaration.where();
            PipelineContainer pipeline = parameter.getAnnotation(PipelineContainer.class);
            if (Cell.class.equals(parameter.getType())) {
                continue;
            }
            if (pipeline != null) {
                if (!Image.class.equals(parameter.getType()) && !Container.class.equals(parameter.getType())) {
                    problems.add("Parameter " + parameter.getName() + " of " + declaration.where()
                            + " asks for a pipeline as a " + parameter.getType().getSimpleName()
                            + "; ask for an Image or a Container");
                } else if (pipelines.find(pipeline.value()).isEmpty()) {
                    problems.add(pipelines.unknown(pipeline.value(), where));
                }
                continue;
            }
            if (!HANDLE_TYPES.contains(parameter.getType())) {
                problems.add("Parameter " + parameter.getName() + " of " + declaration.where() + " is a "
                        + parameter.getType().getSimpleName() + ", which nothing resolves; a service factory takes"
                        + " the Cell, @PipelineContainer(\"name\") Image or Container, and Service, Database or Redis");
                continue;
            }
            ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
            if (service != null && !service.axis().isEmpty()) {
                continue;
            }
            String name = referencedName(parameter);
            if (!knows(name)) {
                problems.add(unknown(name, where));
            }
        }
    }

    /** Each factory with the services its parameters bind. */
    private Map<String, List<String>> bindings() {
        Map<String, List<String>> bindings = new LinkedHashMap<>();
        scan.byName().forEach((name, declaration) -> {
            if (declaration.isFactory()) {
                bindings.put(name, Stream.of(((Method) declaration.source()).getParameters())
                        .filter(parameter -> HANDLE_TYPES.contains(parameter.getType()))
                        .map(ServiceDeclarations::referencedName)
                        .toList());
            }
        });
        return bindings;
    }

    /**
     * The service a parameter refers to by name: its annotation's value, else the parameter's name.
     *
     * @param parameter a factory's or test method's service parameter that names no axis
     * @return the name
     */
    public static String referencedName(Parameter parameter) {
        ServiceContainer service = parameter.getAnnotation(ServiceContainer.class);
        return service != null && !service.value().isEmpty() ? service.value() : parameter.getName();
    }
}
