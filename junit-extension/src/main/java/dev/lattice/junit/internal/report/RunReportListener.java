package dev.lattice.junit.internal.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Records every test of a plan (times, result, failure, report entries, published files) into the plan's
 * {@link RunRecorder}, and when the plan ends writes the run report and prints its summary, if the run used Lattice.
 * Registered through {@code META-INF/services}, so every launcher that runs Lattice tests has one.
 *
 * <p>Configuration parameters: {@value ReportSettings#DIR} (default {@code target/lattice-report}) and
 * {@value ReportSettings#ENABLED} ({@code false} turns the report off).
 */
public final class RunReportListener implements TestExecutionListener {

    private volatile RunRecorder recorder;
    private volatile ReportSettings settings;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        settings = ReportSettings.from(testPlan.getConfigurationParameters()::get);
        if (!settings.enabled()) {
            return;
        }
        // Not the engines' own ids: a launcher run nested in a test shares them with its caller's plan.
        Set<String> ids = new HashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            testPlan.getDescendants(root).forEach(descendant -> ids.add(descendant.getUniqueId()));
        }
        RunRecorder started = RunRecorder.forPlan(ids);
        recorder = started;
        RunRecorders.add(started);
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        RunRecorder current = recorder;
        if (current != null) {
            current.testStarted(test.getUniqueId(), test.getParentId().orElse(null), test.getDisplayName(),
                    test.isTest());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        RunRecorder current = recorder;
        if (current != null) {
            record(current, test).skipped(System.currentTimeMillis(), reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        RunRecorder current = recorder;
        if (current == null) {
            return;
        }
        Throwable failure = result.getThrowable().orElse(null);
        record(current, test).finished(System.currentTimeMillis(), result.getStatus().name(),
                failure == null ? null : String.valueOf(failure),
                failure == null ? null : stackTrace(failure));
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        RunRecorder current = recorder;
        if (current != null) {
            RunRecorder.TestRecord record = record(current, test);
            for (Map.Entry<String, String> pair : entry.getKeyValuePairs().entrySet()) {
                record.entry(pair.getKey(), pair.getValue());
            }
        }
    }

    @Override
    public void fileEntryPublished(TestIdentifier test, FileEntry file) {
        RunRecorder current = recorder;
        if (current != null) {
            Path path = file.getPath();
            record(current, test).file(String.valueOf(path.getFileName()), file.getMediaType().orElse(""),
                    path.toAbsolutePath().toString());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        RunRecorder finished = recorder;
        recorder = null;
        if (finished == null) {
            return;
        }
        RunRecorders.remove(finished);
        if (finished.usedLattice()) {
            ReportWriter.write(finished, settings, System.out);
        }
    }

    private static RunRecorder.TestRecord record(RunRecorder recorder, TestIdentifier test) {
        return recorder.test(test.getUniqueId(), test.getParentId().orElse(null), test.getDisplayName(),
                test.isTest());
    }

    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
