package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file of another pipeline is copied inside the engine where the engine builds with BuildKit, and through an
 * archive in the JVM where it does not (Podman; a client that does not expose its transport): both give the same
 * files, modes, owners, image settings and cache keys.
 */
class CopyInsideEngineTest {

    private static final String BIG = "/out/big.bin";

    /** A build pipeline leaving a 60 MB file owned by 1000:1001, mode 4750, modified at a fixed time. */
    private static Container build(String nonce) {
        return Container.from(BASE).withEnv("NONCE", nonce)
                .withExec("sh", "-c", "mkdir -p /out && head -c 60000000 /dev/urandom > " + BIG + " && chown 1000:1001 "
                        + BIG + " && chmod 4750 " + BIG + " && touch -d 2001-02-03T04:05:06 " + BIG
                        + " && ln -s big.bin /out/link");
    }

    /** The distributable: the file copied with settings a Dockerfile must carry exactly, and a quoted variable. */
    private static Container distributable(Container build) {
        return Container.from(BASE)
                .withEnv("GREETING", "say \"hi\" to $HOME\\now")
                .withWorkdir("/srv/app")
                .withUser("1000")
                .withExposedPort(8080)
                .withLabel("org.example.role", "dist")
                .withHealthcheck(Duration.ofSeconds(7), "test", "-f", "/srv/app/big.bin")
                .withFile("/srv/app/big.bin", build.file(BIG))
                .withEntrypoint("cat")
                .withDefaultArgs("/srv/app/big.bin");
    }

    @Test
    void aLargeFileIsCopiedInsideTheEngineWithTheSameFilesSettingsAndKeysAsThroughAnArchive(@TempDir Path stateDir)
            throws Exception {
        String nonce = TestEngines.nonce();
        DockerClient docker = TestEngines.docker();
        Engine inEngine = TestEngines.builder(stateDir.resolve("buildkit")).build();
        Engine throughArchive = TestEngines.builder(stateDir.resolve("archive"))
                .dockerClient(withoutTransport(docker)).build();
        try {
            Image copied = inEngine.solve("dist", distributable(build(nonce)));
            List<String> keys = keys(inEngine.lastReport("dist"));
            InspectImageResponse viaBuildKit = docker.inspectImageCmd(copied.id()).exec();
            // BuildKit made it (no container was committed), and it is the copy layer's cache entry.
            assertThat(viaBuildKit.getContainer()).isNullOrEmpty();
            assertThat(viaBuildKit.getRepoTags()).contains("lattice-cache/step:" + keys.get(keys.size() - 1));
            FileFacts expected = FileFacts.read(docker, copied.id(), "/srv/app/big.bin");
            assertThat(expected.header()).isEqualTo("mode=4750 uid=1000 gid=1001 mtime=981173106 size=60000000");

            // The same copy again on the archive path: its image is removed first, so it is built again.
            docker.removeImageCmd(copied.id()).withForce(true).exec();
            Image archived = throughArchive.solve("dist", distributable(build(nonce)));
            assertThat(throughArchive.lastReport("dist").steps().get(keys.size() - 1).status())
                    .isEqualTo(StepStatus.BUILT);
            assertThat(keys(throughArchive.lastReport("dist"))).isEqualTo(keys);
            InspectImageResponse viaArchive = docker.inspectImageCmd(archived.id()).exec();
            assertThat(viaArchive.getContainer()).isNotEmpty();
            assertThat(FileFacts.read(docker, archived.id(), "/srv/app/big.bin")).isEqualTo(expected);
            assertThat(settings(viaBuildKit.getConfig())).isEqualTo(settings(viaArchive.getConfig()));
        } finally {
            TestEngines.removeRunImages(inEngine);
            TestEngines.removeRunImages(throughArchive);
        }
    }

    @Test
    void theImageSettingsOfACopyAreTheArchivePathsWhateverChanges(@TempDir Path stateDir) throws Exception {
        String nonce = TestEngines.nonce();
        DockerClient docker = TestEngines.docker();
        Container source = Container.from(BASE).withEnv("NONCE", nonce)
                .withExec("sh", "-c", "mkdir -p /out && head -c 9000000 /dev/zero > /out/tool && chmod 755 /out/tool");
        // A file of 9 MB, which is copied inside the engine when no exec follows. The base image runs bash by default: none changed, the entrypoint alone (which drops the default
        // arguments), the default arguments alone, and an entrypoint emptied again.
        Map<String, Container> variants = new TreeMap<>(Map.of(
                "unchanged", Container.from(BASE).withFile("/usr/local/bin/tool", source.file("/out/tool")),
                "entrypoint", Container.from(BASE).withFile("/usr/local/bin/tool", source.file("/out/tool"))
                        .withEntrypoint("tool"),
                "cmd", Container.from(BASE).withFile("/usr/local/bin/tool", source.file("/out/tool"))
                        .withDefaultArgs("tool", "--version"),
                "emptied", Container.from(BASE).withEntrypoint("tool").withExec("true")
                        .withFile("/usr/local/bin/tool", source.file("/out/tool")).withEntrypoint()));
        Engine inEngine = TestEngines.builder(stateDir.resolve("buildkit")).build();
        Engine throughArchive = TestEngines.builder(stateDir.resolve("archive"))
                .dockerClient(withoutTransport(docker)).build();
        try {
            for (Map.Entry<String, Container> variant : variants.entrySet()) {
                Image copied = inEngine.solve("settings-" + variant.getKey(), variant.getValue());
                InspectImageResponse viaBuildKit = docker.inspectImageCmd(copied.id()).exec();
                assertThat(viaBuildKit.getContainer()).as("%s: made by BuildKit", variant.getKey()).isNullOrEmpty();
                docker.removeImageCmd(copied.id()).withForce(true).exec();
                Image archived = throughArchive.solve("settings-" + variant.getKey(), variant.getValue());
                InspectImageResponse viaArchive = docker.inspectImageCmd(archived.id()).exec();
                assertThat(viaArchive.getContainer()).as("%s: a commit", variant.getKey()).isNotEmpty();
                assertThat(settings(viaBuildKit.getConfig())).as(variant.getKey())
                        .isEqualTo(settings(viaArchive.getConfig()));
            }
        } finally {
            TestEngines.removeRunImages(inEngine);
            TestEngines.removeRunImages(throughArchive);
        }
    }

    @Test
    void onlyALargeFileIsCopiedInsideTheEngine(@TempDir Path stateDir) {
        String nonce = TestEngines.nonce();
        DockerClient docker = TestEngines.docker();
        Engine engine = TestEngines.builder(stateDir).build();
        try {
            Container source = Container.from(BASE).withEnv("NONCE", nonce)
                    .withExec("sh", "-c", "mkdir -p /out && echo small > /out/small && head -c 9000000 /dev/zero > /out/middle"
                            + " && head -c 17000000 /dev/zero > /out/large");
            // A small file takes the archive path (so does a file under 16 MiB in front of an exec, which starts the
            // exec's container meanwhile and fills it too).
            engine.solve("small", Container.from(BASE).withFile("/copied", source.file("/out/small")));
            String smallCopy = "lattice-cache/step:" + engine.lastReport("small").steps().get(0).cacheKey();
            assertThat(docker.inspectImageCmd(smallCopy).exec().getContainer()).as("a commit").isNotEmpty();
            engine.solve("middle", Container.from(BASE).withFile("/copied", source.file("/out/middle"))
                    .withExec("wc", "-c", "/copied"));
            String middleCopy = "lattice-cache/step:" + engine.lastReport("middle").steps().get(0).cacheKey();
            assertThat(docker.inspectImageCmd(middleCopy).exec().getContainer()).as("a commit").isNotEmpty();
            engine.solve("large", Container.from(BASE).withFile("/copied", source.file("/out/large"))
                    .withExec("wc", "-c", "/copied"));
            String largeCopy = "lattice-cache/step:" + engine.lastReport("large").steps().get(0).cacheKey();
            assertThat(docker.inspectImageCmd(largeCopy).exec().getContainer()).as("made by BuildKit").isNullOrEmpty();
            assertThat(engine.stdout("large", Container.from(BASE).withFile("/copied", source.file("/out/large"))
                    .withExec("wc", "-c", "/copied"))).isEqualTo("17000000 /copied\n");
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    @Test
    void aFilesSizeAndContentComeFromOneReadOfTheSourceAndALargeOneIsNotReadAgain(@TempDir Path stateDir,
                                                                              @TempDir Path otherStateDir)
            throws Exception {
        String nonce = TestEngines.nonce();
        Container source = Container.from(BASE).withEnv("NONCE", nonce)
                .withExec("sh", "-c", "mkdir -p /out && echo small > /out/small && head -c 9000000 /dev/zero > /out/large");
        // Built by another engine, so that no container of the source is kept where the copy runs.
        Engine other = TestEngines.builder(otherStateDir).build();
        Engine engine = TestEngines.builder(stateDir).build();
        try {
            other.solve("small-source", source);
            Instant copying = Instant.now();
            engine.solve("small-copy", Container.from(BASE).withFile("/copied", source.file("/out/small")));
            // One container to read the source from, and the copy's own; one read of the source, which told the
            // file's size and carried its content.
            assertThat(TestEngines.containerCreatesSince(engine, copying)).isEqualTo(2);
            assertThat(TestEngines.containerEventsSince(engine, copying, "archive-path")).isEqualTo(1);

            Instant copyingLarge = Instant.now();
            engine.solve("large-copy", Container.from(BASE).withFile("/copied", source.file("/out/large")));
            // The read that told the size is left at that, and BuildKit copies the file: no other read, no commit.
            assertThat(TestEngines.containerEventsSince(engine, copyingLarge, "archive-path")).isEqualTo(1);
            String largeCopy = "lattice-cache/step:" + engine.lastReport("large-copy").steps().get(0).cacheKey();
            assertThat(TestEngines.docker().inspectImageCmd(largeCopy).exec().getContainer()).as("made by BuildKit")
                    .isNullOrEmpty();
        } finally {
            TestEngines.removeRunImages(engine);
            TestEngines.removeRunImages(other);
            other.close();
        }
    }

    @Test
    void aLongExecsContainerServesCopiesOfItsFilesButNoOtherExec(@TempDir Path stateDir) throws Exception {
        String nonce = TestEngines.nonce();
        Engine engine = TestEngines.builder(stateDir).build();
        try {
            // Longer than the 3 s under which an exec's container is kept for the next exec.
            Container source = Container.from(BASE).withEnv("NONCE", nonce)
                    .withExec("sh", "-c", "sleep 3.5 && mkdir -p /out && echo built > /out/artifact");
            engine.solve("long-source", source);
            Instant copying = Instant.now();
            Image copied = engine.solve("long-copy", Container.from(BASE).withFile("/artifact",
                    source.file("/out/artifact")));
            // Only the copy's own container: the file is read from the source's kept container, not a new one.
            assertThat(TestEngines.containerCreatesSince(engine, copying)).isEqualTo(1);
            assertThat(new String(engine.readFile("long-copy", Container.from(BASE).withFile("/artifact",
                    source.file("/out/artifact")), "/artifact"), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("built\n");
            assertThat(copied.id()).isNotEmpty();

            Instant chain = Instant.now();
            engine.solve("long-chain", Container.from(BASE).withEnv("NONCE", nonce + "-chain")
                    .withExec("sh", "-c", "sleep 3.5").withExec("sh", "-c", "test ! -e /next && touch /next"));
            // The long exec's, the next exec's own (not the long one's, kept for reading only) and the final
            // configuration's.
            assertThat(TestEngines.containerCreatesSince(engine, chain)).isEqualTo(3);
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    @Test
    void aSymbolicLinkIsCopiedAsALinkAndAMissingFileIsNamed(@TempDir Path stateDir) throws Exception {
        String nonce = TestEngines.nonce();
        DockerClient docker = TestEngines.docker();
        Engine engine = TestEngines.builder(stateDir).build();
        try {
            Container source = Container.from(BASE).withEnv("NONCE", nonce)
                    .withExec("sh", "-c", "mkdir -p /out && echo data > /out/data && ln -s data /out/link");
            Image linked = engine.solve("link", Container.from(BASE).withFile("/copied", source.file("/out/link")));
            assertThat(FileFacts.read(docker, linked.id(), "/copied").header()).startsWith("link=data ");

            Container missing = Container.from(BASE).withFile("/copied", source.file("/out/missing"));
            assertThatThrownBy(() -> engine.solve("missing", missing))
                    .hasMessageContaining("Cannot read /out/missing from the source container");
        } finally {
            TestEngines.removeRunImages(engine);
        }
    }

    private static List<String> keys(SolveReport report) {
        return report.steps().stream().map(SolveReport.StepReport::cacheKey).toList();
    }

    /** The settings a commit and a build both give an image, in a form that compares them. */
    private static Map<String, Object> settings(ContainerConfig config) {
        Map<String, Object> settings = new TreeMap<>();
        settings.put("entrypoint", list(config.getEntrypoint()));
        settings.put("cmd", list(config.getCmd()));
        settings.put("env", new TreeSet<>(list(config.getEnv())));
        settings.put("workdir", config.getWorkingDir());
        settings.put("user", config.getUser());
        settings.put("ports", config.getExposedPorts() == null ? List.of()
                : java.util.Arrays.stream(config.getExposedPorts()).map(Object::toString).sorted().toList());
        Map<String, String> labels = new TreeMap<>(config.getLabels());
        labels.remove(RunLabels.RUN);  // each engine is a run of its own
        settings.put("labels", labels);
        settings.put("healthcheck", config.getHealthcheck() == null ? null : config.getHealthcheck().getTest() + " "
                + config.getHealthcheck().getInterval() + " " + config.getHealthcheck().getTimeout() + " "
                + config.getHealthcheck().getRetries());
        return settings;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    /** A client of the same engine that does not expose its HTTP transport, as a user's own client may not. */
    private static DockerClient withoutTransport(DockerClient real) {
        return (DockerClient) Proxy.newProxyInstance(CopyInsideEngineTest.class.getClassLoader(),
                new Class<?>[]{DockerClient.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    /** A file of an image as its archive shows it: the header's facts and the content's digest. */
    private record FileFacts(String header, String digest) {
        static FileFacts read(DockerClient docker, String imageId, String path) throws Exception {
            String container = docker.createContainerCmd(imageId).withEntrypoint("/never-started").exec().getId();
            try (InputStream in = docker.copyArchiveFromContainerCmd(container, path).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry entry = tar.getNextEntry();
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n = tar.read(buffer); n > 0; n = tar.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
                String kind = entry.isSymbolicLink() ? "link=" + entry.getLinkName() + " " : "";
                return new FileFacts(kind + "mode=" + Integer.toOctalString(entry.getMode() & 07777) + " uid="
                        + entry.getLongUserId() + " gid=" + entry.getLongGroupId() + " mtime="
                        + entry.getModTime().toInstant().getEpochSecond() + " size=" + entry.getSize(),
                        HexFormat.of().formatHex(sha.digest()));
            } finally {
                docker.removeContainerCmd(container).withForce(true).exec();
            }
        }
    }
}
