package dev.lattice.junit.internal.report;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs a fixture class through a real launcher, as Surefire or an IDE does, so the report listener registered in
 * {@code META-INF/services} runs too, and writes the report into a directory of the test's choice.
 *
 * @param summary what the launcher counted
 * @param console what the run printed to standard output (the report's summary lines among it)
 */
record LauncherRun(TestExecutionSummary summary, String console) {

    static LauncherRun of(Class<?> fixture, Path reportDir, String... configuration) {
        return in(LauncherFactory.create(), fixture, reportDir, configuration);
    }

    /**
     * Runs a fixture through a given launcher: one of a {@link org.junit.platform.launcher.LauncherSession} runs
     * each request as another test plan of the same session, as Surefire does when it reruns failed tests.
     */
    static LauncherRun in(Launcher launcher, Class<?> fixture, Path reportDir, String... configuration) {
        Map<String, String> parameters = new TreeMap<>();
        parameters.put(ReportSettings.DIR, reportDir.toString());
        for (String setting : configuration) {
            String[] parts = setting.split("=", 2);
            parameters.put(parts[0], parts[1]);
        }
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // The report's summary goes to standard output; the test reads it, and still shows it.
        System.setOut(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(fixture))
                    .configurationParameters(parameters)
                    .enableImplicitConfigurationParameters(false)
                    .build(), summary);
        } finally {
            System.setOut(original);
        }
        return new LauncherRun(summary.getSummary(), captured.toString(StandardCharsets.UTF_8));
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }
}
