package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.lattice.engine.LatticeException;
import dev.lattice.engine.RunLabels;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Extra CA certificates for exec steps, so builds behind a TLS-intercepting proxy work: a PEM bundle
 * (the host's system bundle plus the extras) and a PKCS12 truststore (the JDK's default CAs plus the
 * extras) in a labelled volume named by their content, mounted read-only during execs and announced
 * through exec-only environment variables. Nothing of it reaches an image.
 */
public final class CaBundle {

    /** Where execs see the bundle. */
    public static final String MOUNT_PATH = "/run/lattice/ca";
    static final String PEM = "ca-certificates.crt";
    static final String TRUSTSTORE = "truststore.p12";
    static final String TRUSTSTORE_PASSWORD = "lattice";
    // Written after the bundle: a volume holds the whole bundle when it holds this.
    static final String FILLED_MARK = ".filled";
    private static final Path DEFAULT_EXTRAS = Path.of("/usr/local/share/ca-certificates");
    private static final Path HOST_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    // By engine id and volume name.
    private static final Map<String, Boolean> READY_VOLUMES = new ConcurrentHashMap<>();

    private final byte[] pem;
    private final List<Certificate> extras;
    private final String volumeName;

    private CaBundle(byte[] pem, List<Certificate> extras) {
        this.pem = pem;
        this.extras = extras;
        this.volumeName = "lattice-ca-" + ContentDigest.of(pem).substring(0, 12);
    }

    /** Returns the bundle for these settings, or empty when off or when there are no extra certificates. */
    public static Optional<CaBundle> from(boolean enabled, List<Path> explicit) {
        if (!enabled) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>(explicit);
        if (Files.isDirectory(DEFAULT_EXTRAS)) {
            try (Stream<Path> found = Files.walk(DEFAULT_EXTRAS)) {
                found.filter(path -> path.toString().endsWith(".crt") && Files.isRegularFile(path)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new LatticeException("Cannot list " + DEFAULT_EXTRAS + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        try {
            ByteArrayOutputStream pem = new ByteArrayOutputStream();
            if (Files.isReadable(HOST_BUNDLE)) {
                pem.write(Files.readAllBytes(HOST_BUNDLE));
                pem.write('\n');
            }
            List<Certificate> extras = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                pem.write(bytes);
                pem.write('\n');
                try (InputStream in = new ByteArrayInputStream(bytes)) {
                    extras.addAll(factory.generateCertificates(in));
                }
            }
            return Optional.of(new CaBundle(pem.toByteArray(), Collections.unmodifiableList(extras)));
        } catch (IOException | GeneralSecurityException e) {
            throw new LatticeException("Cannot read extra CA certificates " + files + ": " + e.getMessage()
                    + "; fix the files or build the engine with noExtraCaCertificates()", e);
        }
    }

    /** Returns the volume holding the bundle. */
    public String volumeName() {
        return volumeName;
    }

    /** Returns the exec-only environment that points tools at the bundle. */
    public List<String> execEnv() {
        String bundle = MOUNT_PATH + "/" + PEM;
        return List.of("SSL_CERT_FILE=" + bundle, "CURL_CA_BUNDLE=" + bundle, "NODE_EXTRA_CA_CERTS=" + bundle,
                "REQUESTS_CA_BUNDLE=" + bundle, "GIT_SSL_CAINFO=" + bundle,
                "JAVA_TOOL_OPTIONS=" + javaOptions());
    }

    /** Returns the JVM options that select the truststore. */
    public String javaOptions() {
        return "-Djavax.net.ssl.trustStore=" + MOUNT_PATH + "/" + TRUSTSTORE
                + " -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=" + TRUSTSTORE_PASSWORD;
    }

    /** Returns the read-only mount of the volume for exec containers. */
    public Mount mount() {
        return new Mount().withType(MountType.VOLUME).withSource(volumeName).withTarget(MOUNT_PATH).withReadOnly(true);
    }

    /**
     * Makes sure, once per engine and JVM, that the volume exists and holds the bundle: through a created, never
     * started helper container from {@code anyImageId} that mounts it.
     *
     * @param engineId the engine's identity ({@code DockerConnection}): two engines of one JVM each need the volume
     */
    public void ensureVolume(DockerClient docker, RunLabels labels, String anyImageId, String engineId) {
        String ready = engineId + "|" + volumeName;
        if (READY_VOLUMES.containsKey(ready)) {
            return;
        }
        synchronized (READY_VOLUMES) {
            if (READY_VOLUMES.containsKey(ready)) {
                return;
            }
            // Other JVMs of the machine too: one fills, the others then find it full (a second fill would replace
            // the files under the first one's running steps).
            try (StepLocks.Held filling = new StepLocks(engineId).acquire(volumeName)) {
                ensureFilled(docker, labels, anyImageId);
            }
            READY_VOLUMES.put(ready, true);
        }
    }

    private void ensureFilled(DockerClient docker, RunLabels labels, String anyImageId) {
        try {
            docker.inspectVolumeCmd(volumeName).exec();
        } catch (NotFoundException missing) {
            docker.createVolumeCmd().withName(volumeName).withLabels(labels.forKind("ca")).exec();
        }
        String helper = docker.createContainerCmd(anyImageId).withLabels(labels.forKind("step"))
                    .withEntrypoint("/lattice-never-started")
                    .withHostConfig(HostConfig.newHostConfig().withMounts(List.of(
                            new Mount().withType(MountType.VOLUME).withSource(volumeName).withTarget("/lattice-ca"))))
                    .exec().getId();
        try {
            // Looked at, not trusted to be full because it exists: a run killed while filling it, or whose fill
            // failed, left it empty or cut short, and such a bundle would fail every TLS handshake of every later
            // run. The mark is written after the bundle, in a copy of its own: it is there only when the bundle is.
            if (!holds(docker, helper, "/lattice-ca/" + FILLED_MARK)) {
                fill(docker, helper);
            }
        } finally {
            // Quietly: a failed removal must not hide why the volume could not be filled.
            ContainerRemoval.quietly(docker, helper);
        }
    }

    /** Whether the helper container sees the file (the last one a fill writes). */
    private static boolean holds(DockerClient docker, String helper, String path) {
        try (ContainerArchives.Read read = new ContainerArchives(docker).read(helper, path)) {
            return true;
        } catch (NotFoundException missing) {
            return false;
        } catch (IOException closing) {
            return false; // filled again rather than trusted
        }
    }

    private void fill(DockerClient docker, String helper) {
        copy(docker, helper, Map.of(PEM, pem, TRUSTSTORE, truststore()));
        copy(docker, helper, Map.of(FILLED_MARK, volumeName.getBytes(StandardCharsets.UTF_8)));
    }

    private void copy(DockerClient docker, String helper, Map<String, byte[]> files) {
        try (LayerArchive archive = LayerArchive.create()) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                archive.bytes("/lattice-ca/" + file.getKey(), file.getValue(), 0644);
            }
            archive.finish();
            try (InputStream in = Files.newInputStream(archive.file())) {
                docker.copyArchiveToContainerCmd(helper).withRemotePath("/").withTarInputStream(in).exec();
            }
        } catch (IOException e) {
            throw new LatticeException("Cannot fill CA volume " + volumeName + ": " + e.getMessage(), e);
        }
    }

    private byte[] truststore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            Path jdkDefaults = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            if (Files.isReadable(jdkDefaults)) {
                KeyStore defaults = KeyStore.getInstance(jdkDefaults.toFile(), "changeit".toCharArray());
                for (String alias : Collections.list(defaults.aliases())) {
                    if (defaults.isCertificateEntry(alias)) {
                        store.setCertificateEntry(alias, defaults.getCertificate(alias));
                    }
                }
            }
            for (int i = 0; i < extras.size(); i++) {
                store.setCertificateEntry("lattice-extra-" + i, extras.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, TRUSTSTORE_PASSWORD.toCharArray());
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new LatticeException("Cannot build the CA truststore: " + e.getMessage(), e);
        }
    }
}
