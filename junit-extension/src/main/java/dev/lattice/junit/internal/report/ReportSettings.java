package dev.lattice.junit.internal.report;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the run report goes and whether it is written.
 *
 * @param enabled whether to write it
 * @param dir the directory of {@code index.html} and {@code report.json}
 */
record ReportSettings(boolean enabled, Path dir) {

    /** The configuration parameter naming the report's directory. */
    static final String DIR = "lattice.report.dir";
    /** The configuration parameter that turns the report off when {@code false}. */
    static final String ENABLED = "lattice.report.enabled";

    static ReportSettings from(Function<String, Optional<String>> configuration) {
        boolean enabled = configuration.apply(ENABLED).map(value -> !"false".equalsIgnoreCase(value.strip()))
                .orElse(true);
        Path dir = Path.of(configuration.apply(DIR).map(String::strip).filter(value -> !value.isEmpty())
                .orElse("target/lattice-report"));
        return new ReportSettings(enabled, dir);
    }
}
