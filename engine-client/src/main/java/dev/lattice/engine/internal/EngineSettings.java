package dev.lattice.engine.internal;

import dev.lattice.engine.ProgressListener;
import dev.lattice.engine.RunLabels;

import java.nio.file.Path;
import java.util.List;

/**
 * The options of one engine, fixed when it is built.
 *
 * @param parallelism         maximum steps running at once (1 = serial)
 * @param listener            progress listener
 * @param caCertificates      whether execs trust extra CA certificates
 * @param extraCaCertificates PEM files to trust besides the host's extra CA folder
 * @param labels              labels of this run
 * @param cacheDir            explain state and recorded outputs
 * @param explain             print a report after each solve
 * @param dockerHost          identifies the Docker engine, to share in-flight steps between engines
 * @param limits              how long one exec, pull or push may take
 * @param registryCache       the build cache shared through a registry; null when none is configured
 */
public record EngineSettings(int parallelism, ProgressListener listener, boolean caCertificates,
                             List<Path> extraCaCertificates, RunLabels labels, Path cacheDir, boolean explain,
                             String dockerHost, TimeLimits limits, RegistryCacheSettings registryCache) {

    /** Where Lattice keeps explain state, solve records and outputs: {@code lattice.cache.dir}, else ~/.cache/lattice. */
    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("lattice.cache.dir",
                Path.of(System.getProperty("user.home"), ".cache", "lattice").toString()));
    }
}
