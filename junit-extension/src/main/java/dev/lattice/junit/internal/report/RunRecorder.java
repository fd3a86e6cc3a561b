package dev.lattice.junit.internal.report;

import dev.lattice.engine.Engine;
import dev.lattice.engine.ProgressListener;
import dev.lattice.engine.StepEvent;
import dev.lattice.junit.Cell;
import dev.lattice.junit.MatrixTest;
import dev.lattice.junit.internal.DisplayNamePattern;
import dev.lattice.junit.internal.MatrixAxis;
import dev.lattice.junit.internal.pipeline.PipelineDeclaration;
import dev.lattice.service.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What one test plan execution did, for its run report: the matrices the extension expanded, the pipeline steps the
 * engine ran, the service containers and when they started, became ready and stopped (all recorded from the extension
 * side), and each test's times, result, report entries and files (recorded by {@link RunReportListener} from the
 * launcher side). Thread-safe; every method is a few map operations, so recording costs nothing a cell would notice.
 * A recorder of a run without the listener ({@link #disabled()}) ignores everything.
 */
public final class RunRecorder {

    private static final RunRecorder DISABLED = new RunRecorder(false, Set.of());

    private final boolean enabled;
    private final Set<String> planIds;
    private final long startedAt = System.currentTimeMillis();
    private final AtomicInteger order = new AtomicInteger();
    private final ConcurrentMap<String, MatrixRecord> matrices = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Cell> cellsByTest = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<String>> servicesByTest = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ServiceRecord> services = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, StepTiming> steps = new ConcurrentHashMap<>();
    private final Set<String> pipelineNames = ConcurrentHashMap.newKeySet();
    private final ConcurrentMap<String, List<String>> pipelineDependencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, TestRecord> tests = new ConcurrentHashMap<>();
    private volatile Engine engine;

    private RunRecorder(boolean enabled, Set<String> planIds) {
        this.enabled = enabled;
        this.planIds = planIds;
    }

    /**
     * A recorder for one test plan.
     *
     * @param planIds the unique ids of the plan's tests and containers, by which the extension finds its recorder
     * @return a recorder that records
     */
    static RunRecorder forPlan(Set<String> planIds) {
        return new RunRecorder(true, Set.copyOf(planIds));
    }

    /**
     * A recorder that records nothing, for runs without the report listener (a test kit run, say).
     *
     * @return the shared disabled recorder
     */
    public static RunRecorder disabled() {
        return DISABLED;
    }

    boolean owns(String uniqueId) {
        return planIds.contains(uniqueId);
    }

    boolean enabled() {
        return enabled;
    }

    long startedAt() {
        return startedAt;
    }

    // ---- extension side ----

    /**
     * Records a matrix as the extension expanded it.
     *
     * @param context the test template's context
     * @param axes the axes in declaration order
     * @param cells every cell left after exclusions
     * @param selected the cells selected to run on this machine
     */
    public void matrix(ExtensionContext context, List<MatrixAxis> axes, List<Cell> cells, List<Cell> selected) {
        if (!enabled) {
            return;
        }
        MatrixTest annotation = context.getTestMethod()
                .flatMap(method -> AnnotationSupport.findAnnotation(method, MatrixTest.class)).orElse(null);
        DisplayNamePattern names = new DisplayNamePattern(annotation == null ? "{cell}" : annotation.name());
        List<String> displayNames = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            displayNames.add(names.render(cell, context.getDisplayName()));
        }
        Set<Integer> selectedIndexes = ConcurrentHashMap.newKeySet();
        selected.forEach(cell -> selectedIndexes.add(cell.index()));
        String filter = context.getConfigurationParameter("lattice.matrix.filter").orElse("");
        String shard = context.getConfigurationParameter("lattice.matrix.shard").orElse("");
        matrices.put(context.getUniqueId(), new MatrixRecord(order.incrementAndGet(), context.getUniqueId(),
                context.getRequiredTestClass().getName(), context.getRequiredTestMethod().getName(),
                context.getDisplayName(), List.copyOf(axes), List.copyOf(cells), List.copyOf(displayNames),
                Set.copyOf(selectedIndexes), annotation == null ? List.of() : List.of(annotation.report()),
                filter, shard));
    }

    /**
     * Records the pipelines a test class declares, and the pipelines each one takes, for the report's graph.
     *
     * @param declarations the class's pipeline declarations
     */
    public void pipelines(List<PipelineDeclaration> declarations) {
        if (enabled) {
            declarations.forEach(declaration -> pipelineDependencies.putIfAbsent(declaration.name(),
                    List.copyOf(declaration.dependencies())));
        }
    }

    /**
     * Records which cell a test invocation runs.
     *
     * @param uniqueId the invocation's unique id
     * @param cell its cell
     */
    public void cell(String uniqueId, Cell cell) {
        if (enabled) {
            cellsByTest.put(uniqueId, cell);
        }
    }

    /**
     * Records that a test invocation used a service.
     *
     * @param uniqueId the invocation's unique id
     * @param service the service's container
     */
    public void serviceUsed(String uniqueId, Service service) {
        if (enabled && service != null) {
            servicesByTest.computeIfAbsent(uniqueId, key -> ConcurrentHashMap.newKeySet()).add(service.containerId());
            services.computeIfAbsent(service.containerId(), id -> new ServiceRecord(service.name(), id));
        }
    }

    /**
     * Records that a service was asked for at {@code requestedAt} and was ready now. Equal services are shared, so
     * the earliest request of a container counts, and its first readiness.
     *
     * @param service the service's container; {@code null} is ignored (an embedded database has none)
     * @param requestedAt when it was asked for, in epoch milliseconds
     */
    public void serviceReady(Service service, long requestedAt) {
        if (!enabled || service == null) {
            return;
        }
        long now = System.currentTimeMillis();
        services.computeIfAbsent(service.containerId(), id -> new ServiceRecord(service.name(), id))
                .ready(requestedAt, now);
    }

    /**
     * Records that a service's container was removed before the end of the run.
     *
     * @param service the service
     */
    public void serviceStopped(Service service) {
        if (enabled && service != null) {
            ServiceRecord record = services.get(service.containerId());
            if (record != null) {
                record.stopped(System.currentTimeMillis());
            }
        }
    }

    /**
     * Wraps the engine's progress listener so that every step's start and end are recorded too.
     *
     * @param printer the listener that prints progress
     * @return a listener that records and prints
     */
    public ProgressListener progress(ProgressListener printer) {
        if (!enabled) {
            return printer;
        }
        return new ProgressListener() {
            @Override
            public void started(StepEvent event) {
                printer.started(event);
                step(event, "RUNNING");
            }

            @Override
            public void cached(StepEvent event) {
                printer.cached(event);
                step(event, "CACHED");
            }

            @Override
            public void pulled(StepEvent event) {
                printer.pulled(event);
                step(event, "PULLED");
            }

            @Override
            public void done(StepEvent event) {
                printer.done(event);
                step(event, "BUILT");
            }

            @Override
            public void failed(StepEvent event) {
                printer.failed(event);
                step(event, "FAILED");
            }
        };
    }

    /**
     * Records the run's engine, whose reports of each solve ({@link Engine#lastReport}) the report shows.
     *
     * @param engine the engine
     */
    public void engine(Engine engine) {
        if (enabled) {
            this.engine = engine;
        }
    }

    private void step(StepEvent event, String status) {
        long now = System.currentTimeMillis();
        pipelineNames.add(event.pipelineName());
        String key = event.pipelineName() + "#" + event.index();
        long start = now - event.duration().toMillis();
        steps.compute(key, (k, previous) -> {
            if (previous != null && "CACHED".equals(status) && !"RUNNING".equals(previous.status)) {
                // Solved again later in the run and found cached: the build the run waited on is what to show.
                return previous;
            }
            return new StepTiming(previous != null && "RUNNING".equals(previous.status) ? previous.start : start,
                    now, status);
        });
    }

    // ---- launcher side ----

    void testStarted(String uniqueId, String parentId, String displayName, boolean isTest) {
        tests.computeIfAbsent(uniqueId, id -> new TestRecord(id, parentId, displayName, isTest))
                .started(System.currentTimeMillis());
    }

    TestRecord test(String uniqueId, String parentId, String displayName, boolean isTest) {
        return tests.computeIfAbsent(uniqueId, id -> new TestRecord(id, parentId, displayName, isTest));
    }

    // ---- reading, when the report is written ----

    List<MatrixRecord> matrices() {
        List<MatrixRecord> all = new ArrayList<>(matrices.values());
        all.sort((a, b) -> Integer.compare(a.order(), b.order()));
        return all;
    }

    Map<String, Cell> cellsByTest() {
        return Collections.unmodifiableMap(cellsByTest);
    }

    Map<String, Set<String>> servicesByTest() {
        return Collections.unmodifiableMap(servicesByTest);
    }

    Map<String, ServiceRecord> services() {
        return Collections.unmodifiableMap(services);
    }

    Map<String, StepTiming> steps() {
        return Collections.unmodifiableMap(steps);
    }

    Set<String> pipelineNames() {
        return Collections.unmodifiableSet(pipelineNames);
    }

    Map<String, List<String>> pipelineDependencies() {
        return Collections.unmodifiableMap(pipelineDependencies);
    }

    Map<String, TestRecord> tests() {
        return Collections.unmodifiableMap(tests);
    }

    Engine engineOrNull() {
        return engine;
    }

    /** Whether the run used Lattice at all: a matrix, a pipeline or a service. */
    boolean usedLattice() {
        return !matrices.isEmpty() || !pipelineNames.isEmpty() || !services.isEmpty();
    }

    /** A matrix as expanded. */
    record MatrixRecord(int order, String uniqueId, String className, String methodName, String displayName,
                        List<MatrixAxis> axes, List<Cell> cells, List<String> displayNames,
                        Set<Integer> selected, List<String> reportAxes, String filter, String shard) {
    }

    /** When a step started and ended, and how it ended, from the progress events. */
    record StepTiming(long start, long end, String status) {
    }

    /** One service container: when it was asked for, ready, and removed (0 while it runs). */
    static final class ServiceRecord {
        final String name;
        final String containerId;
        private long requested;
        private long ready;
        private long stopped;

        ServiceRecord(String name, String containerId) {
            this.name = name;
            this.containerId = containerId;
        }

        synchronized void ready(long requestedAt, long readyAt) {
            requested = requested == 0 ? requestedAt : Math.min(requested, requestedAt);
            ready = ready == 0 ? readyAt : Math.min(ready, readyAt);
        }

        synchronized void stopped(long at) {
            stopped = at;
        }

        synchronized long requested() {
            return requested;
        }

        synchronized long ready() {
            return ready;
        }

        synchronized long stopped() {
            return stopped;
        }
    }

    /** One test or container as the launcher saw it. */
    static final class TestRecord {
        final String uniqueId;
        final String parentId;
        final String displayName;
        final boolean isTest;
        private long start;
        private long end;
        private String status = "NOT_RUN";
        private String message;
        private String trace;
        private final List<String[]> entries = Collections.synchronizedList(new ArrayList<>());
        private final List<String[]> files = Collections.synchronizedList(new ArrayList<>());

        TestRecord(String uniqueId, String parentId, String displayName, boolean isTest) {
            this.uniqueId = uniqueId;
            this.parentId = parentId;
            this.displayName = displayName;
            this.isTest = isTest;
        }

        synchronized void started(long at) {
            start = at;
        }

        synchronized void finished(long at, String result, String failureMessage, String failureTrace) {
            end = at;
            status = result;
            message = failureMessage;
            trace = failureTrace;
        }

        synchronized void skipped(long at, String reason) {
            start = start == 0 ? at : start;
            end = at;
            status = "SKIPPED";
            message = reason;
        }

        void entry(String key, String value) {
            entries.add(new String[] {key, value});
        }

        void file(String name, String mediaType, String path) {
            files.add(new String[] {name, mediaType, path});
        }

        synchronized long start() {
            return start;
        }

        synchronized long end() {
            return end;
        }

        synchronized String status() {
            return status;
        }

        synchronized String message() {
            return message;
        }

        synchronized String trace() {
            return trace;
        }

        List<String[]> entries() {
            synchronized (entries) {
                return List.copyOf(entries);
            }
        }

        List<String[]> files() {
            synchronized (files) {
                return List.copyOf(files);
            }
        }
    }
}
