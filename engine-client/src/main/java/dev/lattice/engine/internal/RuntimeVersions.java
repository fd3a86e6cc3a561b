package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.LatticeException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, once per JVM and before anything starts, that the run's Testcontainers, Commons Compress and docker-java
 * are versions Lattice works with: Testcontainers 1.21 and newer (tested with 1.21.x and 2.0.x), with the Commons
 * Compress (1.24 and newer) and docker-java (3.4 and newer) they bring. An older one would fail later with a
 * {@code NoSuchMethodError} in the middle of a run; this fails first and names the versions found.
 */
public final class RuntimeVersions {

    static final String SUPPORTED = "Testcontainers 1.21 or newer (tested with 1.21.x and 2.0.x), with Commons"
            + " Compress 1.24 or newer and docker-java 3.4 or newer";

    private static volatile boolean checked;

    private RuntimeVersions() {
    }

    /**
     * Fails when a library is older than Lattice supports; a version that cannot be read (a repackaged jar) passes.
     *
     * @throws LatticeException naming the versions found, the supported range and the fix
     */
    public static void check() {
        if (checked) {
            return;
        }
        String testcontainers = DockerClientFactory.class.getPackage().getImplementationVersion();
        String compress = ArchiveEntry.class.getPackage().getImplementationVersion();
        String dockerJava = dockerJavaVersion();
        List<String> problems = problems(testcontainers, compress, dockerJava);
        if (!problems.isEmpty()) {
            throw new LatticeException("Lattice cannot run with Testcontainers " + testcontainers + ", Commons Compress "
                    + compress + " and docker-java " + dockerJava + ": " + String.join("; ", problems) + ". It needs "
                    + SUPPORTED + ". Use org.testcontainers:testcontainers-bom 1.21.4 or 2.0.5 (or newer), and do not"
                    + " pin Commons Compress or docker-java below what it brings.");
        }
        checked = true;
    }

    /** Returns one line per library older than supported; empty when all are supported or unknown. */
    static List<String> problems(String testcontainers, String commonsCompress, String dockerJava) {
        List<String> problems = new ArrayList<>();
        tooOld("Testcontainers", testcontainers, 1, 21).ifPresent(problems::add);
        tooOld("Commons Compress", commonsCompress, 1, 24).ifPresent(problems::add);
        tooOld("docker-java", dockerJava, 3, 4).ifPresent(problems::add);
        return problems;
    }

    private static Optional<String> tooOld(String library, String version, int major, int minor) {
        if (version == null || version.isBlank()) {
            return Optional.empty();
        }
        String[] parts = version.strip().split("[.\\-]");
        try {
            int foundMajor = Integer.parseInt(parts[0]);
            int foundMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            boolean old = foundMajor < major || (foundMajor == major && foundMinor < minor);
            return old ? Optional.of(library + " " + version + " is older than " + major + "." + minor)
                    : Optional.empty();
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static String dockerJavaVersion() {
        try (InputStream in = DockerClient.class.getResourceAsStream(
                "/META-INF/maven/com.github.docker-java/docker-java-api/pom.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException unreadable) {
            return null;
        }
    }
}
