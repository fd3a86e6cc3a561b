package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.lattice.engine.RunLabels;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies one file from an image onto another inside the engine, with the engine's own BuildKit: a generated
 * Dockerfile ({@code FROM} the parent, {@code COPY --from=} the source, the layer's image settings) posted to the
 * Engine API's {@code /build?version=2}, which needs no session. The file's bytes never pass through the JVM, and no
 * container is created, filled and committed: on a jar of 60-80 MB that was most of a copy step's time.
 *
 * <p>The result is the archive path's ({@link CopyStep}): the file with its mode, owner and modification time, and
 * exactly the layer's image settings and labels. Where it could differ, this copy declines and the caller takes the
 * archive path: a path or setting a Dockerfile cannot carry literally, an engine without BuildKit (Podman, which
 * answers {@code /build} with Buildah), or a client that does not expose its HTTP transport. The caller copies only a
 * plain file here (BuildKit follows a symbolic link, the archive path copies the link), and only a large one, where
 * the archive path is slower.
 *
 * <p>The parent and source images are named in the Dockerfile by short-lived tags (BuildKit resolves names, not
 * ids), removed once the build ends. BuildKit keeps a record of the copy in its build cache, sharing the layer with
 * the image; {@code docker builder prune} (or the engine's build-cache collection) removes it.
 */
final class BuildKitCopy {

    private static final Logger LOG = LoggerFactory.getLogger(BuildKitCopy.class);
    /** Characters a COPY path or a WORKDIR/USER value may hold and mean literally (no variable, no wildcard). */
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_./@+,:%=~-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern IMAGE_ID = Pattern.compile("\"ID\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final CopyInputTags inputTags;

    private BuildKitCopy(DockerClient docker, DockerHttpClient http, RunLabels labels) {
        this.docker = docker;
        this.http = http;
        this.inputTags = new CopyInputTags(labels);
    }

    /**
     * Returns the copy for this engine when it builds with BuildKit through the Engine API: a Docker engine of API 1.39
     * or later (18.09, where BuildKit came) on Linux, as its ping's {@code Server}, {@code Api-Version} and
     * {@code Ostype} headers say (Podman names itself {@code Libpod} and answers {@code /build} with Buildah); empty
     * otherwise, or when the client does not expose its transport.
     */
    static Optional<BuildKitCopy> forEngine(DockerClient docker, RunLabels labels) {
        Optional<DockerHttpClient> http = ContainerArchives.transport(docker);
        if (http.isEmpty()) {
            return Optional.empty();
        }
        try (DockerHttpClient.Response ping = http.get().execute(request(DockerHttpClient.Request.Method.GET,
                "/_ping").build())) {
            Map<String, List<String>> headers = ping.getHeaders();
            boolean builds = ping.getStatusCode() == 200 && buildsWithBuildKit(ContainerArchives.header(headers, "Server"),
                    ContainerArchives.header(headers, "Api-Version"), ContainerArchives.header(headers, "Ostype"), ContainerArchives.header(headers, "Libpod-API-Version"));
            LOG.debug("Engine {} builds with BuildKit through its API: {}", ContainerArchives.header(headers, "Server"), builds);
            return builds ? Optional.of(new BuildKitCopy(docker, http.get(), labels))
                    : Optional.empty();
        } catch (RuntimeException unknown) {
            LOG.debug("Cannot tell whether the engine builds with BuildKit; copies take the archive path", unknown);
            return Optional.empty();
        }
    }

    /** Whether an engine that answers a ping with these headers builds with BuildKit through {@code /build}. */
    static boolean buildsWithBuildKit(String server, String apiVersion, String osType, String libpodApiVersion) {
        if (!server.startsWith("Docker/") || !libpodApiVersion.isEmpty() || !osType.equalsIgnoreCase("linux")) {
            return false;
        }
        String[] parts = apiVersion.split("\\.");
        try {
            return parts.length == 2 && (Integer.parseInt(parts[0]) > 1
                    || Integer.parseInt(parts[0]) == 1 && Integer.parseInt(parts[1]) >= 39);
        } catch (NumberFormatException unknown) {
            return false;
        }
    }

    /** Whether this copy can do the layer: a single file from another pipeline's image, to a literal path. */
    static boolean handles(Layer layer) {
        return layer.operation() instanceof StepDefinition.CopyFile copy
                && copy.source() instanceof FileSource.ContainerFile source
                && LITERAL.matcher(source.path()).matches() && source.path().startsWith("/")
                && LITERAL.matcher(layer.destination()).matches() && !layer.destination().endsWith("/");
    }

    /**
     * Copies the layer's file, a plain file, from {@code sourceImageId} onto {@code parentImageId}, tags the image with
     * the layer's key and returns its id; empty when this copy declines (see the class comment) and nothing was left
     * behind.
     *
     * @param imageLabels the labels the layer's image carries
     */
    Optional<String> copy(Layer layer, String parentImageId, String sourceImageId, Map<String, String> imageLabels) {
        String sourcePath = ((FileSource.ContainerFile) ((StepDefinition.CopyFile) layer.operation()).source()).path();
        long started = System.nanoTime();
        InspectImageResponse parent = docker.inspectImageCmd(parentImageId).exec();
        CopyInputTags.Pair inputs = inputTags.next();
        String parentRef = inputs.parent();
        String sourceRef = inputs.source();
        Optional<String> dockerfile = dockerfile(layer.config(), parent.getConfig(), parentRef, sourceRef,
                sourcePath, layer.destination());
        if (dockerfile.isEmpty()) {
            return Optional.empty();
        }
        tag(parentImageId, parentRef);
        tag(sourceImageId, sourceRef);
        long building = System.nanoTime();
        String imageId;
        try {
            imageId = build(dockerfile.get(), imageLabels);
        } finally {
            // The images keep their other names (a cache tag, or the base image's own).
            ImageRemoval.quietly(docker, parentRef, true);
            ImageRemoval.quietly(docker, sourceRef, true);
        }
        if (imageId == null) {
            return Optional.empty();
        }
        docker.tagImageCmd(imageId, StepImages.CACHE_REPOSITORY, layer.key()).withForce().exec();
        LOG.debug("Copied {} inside the engine: {} ms to prepare, {} ms to build, {} ms in all", sourcePath,
                millis(building - started), millis(System.nanoTime() - building), millis(System.nanoTime() - started));
        return Optional.of(imageId);
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * The Dockerfile of the copy, giving the image exactly the layer's settings as a commit of a container created
     * with them would have them; empty when a setting cannot be written literally.
     */
    static Optional<String> dockerfile(ImageConfig config, ContainerConfig parent, String parentRef, String sourceRef,
                                       String sourcePath, String destination) {
        StringBuilder text = new StringBuilder();
        text.append("FROM ").append(parentRef).append('\n');
        text.append("COPY --from=").append(sourceRef).append(' ').append(sourcePath).append(' ')
                .append(destination).append('\n');
        List<String> parentEnv = parent == null || parent.getEnv() == null ? List.of() : Arrays.asList(parent.getEnv());
        for (String entry : config.env()) {
            if (parentEnv.contains(entry)) {
                continue;
            }
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            String value = eq < 0 ? "" : entry.substring(eq + 1);
            if (!ENV_NAME.matcher(name).matches() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                return Optional.empty();
            }
            text.append("ENV ").append(name).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("$", "\\$")).append("\"\n");
        }
        String parentWorkdir = parent == null || parent.getWorkingDir() == null ? "" : parent.getWorkingDir();
        if (!config.workdir().isEmpty() && !config.workdir().equals(parentWorkdir)) {
            if (!LITERAL.matcher(config.workdir()).matches()) {
                return Optional.empty();
            }
            text.append("WORKDIR ").append(config.workdir()).append('\n');
        }
        String parentUser = parent == null || parent.getUser() == null ? "" : parent.getUser();
        if (!config.user().isEmpty() && !config.user().equals(parentUser)) {
            if (!LITERAL.matcher(config.user()).matches()) {
                return Optional.empty();
            }
            text.append("USER ").append(config.user()).append('\n');
        }
        Set<Integer> parentPorts = new HashSet<>();
        if (parent != null && parent.getExposedPorts() != null) {
            for (ExposedPort port : parent.getExposedPorts()) {
                parentPorts.add(port.getPort());
            }
        }
        for (int port : config.exposedPorts()) {
            if (!parentPorts.contains(port)) {
                text.append("EXPOSE ").append(port).append("/tcp\n");
            }
        }
        config.healthcheck().ifPresent(check -> text.append("HEALTHCHECK --interval=")
                .append(check.interval().toMillis()).append("ms --timeout=").append(check.interval().toMillis())
                .append("ms --retries=3 CMD ").append(jsonArray(check.command())).append('\n'));
        // A container created with the layer's entrypoint has exactly it; its command is the layer's, or the image's
        // when the layer has none and no entrypoint either (the engine's rule). ENTRYPOINT clears the command.
        List<String> parentEntrypoint = list(parent == null ? null : parent.getEntrypoint());
        List<String> parentCmd = list(parent == null ? null : parent.getCmd());
        List<String> cmd = !config.cmd().isEmpty() || !config.entrypoint().isEmpty() ? config.cmd() : parentCmd;
        if (!config.entrypoint().equals(parentEntrypoint)) {
            text.append("ENTRYPOINT ").append(jsonArray(config.entrypoint())).append('\n');
            if (!cmd.isEmpty()) {
                text.append("CMD ").append(jsonArray(cmd)).append('\n');
            }
        } else if (!cmd.equals(parentCmd)) {
            text.append("CMD ").append(jsonArray(cmd)).append('\n');
        }
        return Optional.of(text.toString());
    }

    /** Posts the build; returns the image's id, or null when BuildKit failed (the archive path then says why). */
    private String build(String dockerfile, Map<String, String> imageLabels) {
        String path = "/build?version=2&rm=1&forcerm=1&dockerfile=Dockerfile&labels="
                + URLEncoder.encode(jsonObject(imageLabels), StandardCharsets.UTF_8);
        DockerHttpClient.Request request = request(DockerHttpClient.Request.Method.POST, path)
                .putHeader("Content-Type", "application/x-tar")
                .body(new ByteArrayInputStream(context(dockerfile))).build();
        String imageId = null;
        String error = null;
        try (DockerHttpClient.Response response = http.execute(request);
             BufferedReader lines = new BufferedReader(new InputStreamReader(response.getBody(),
                     StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher id = IMAGE_ID.matcher(line);
                if (line.contains("moby.image.id") && id.find()) {
                    imageId = id.group(1);
                }
                Matcher failed = ERROR.matcher(line);
                if (failed.find()) {
                    error = unescape(failed.group(1));
                }
                if (response.getStatusCode() != 200 && error == null) {
                    error = "HTTP " + response.getStatusCode() + ": " + line;
                }
            }
        } catch (IOException | RuntimeException failed) {
            error = failed.toString();
        }
        if (error != null || imageId == null) {
            LOG.debug("BuildKit did not copy ({}); taking the archive path. Dockerfile:\n{}", error, dockerfile);
            if (imageId != null) {
                ImageRemoval.quietly(docker, imageId, false);
            }
            return null;
        }
        return imageId;
    }

    private void tag(String imageId, String reference) {
        int colon = reference.lastIndexOf(':');
        docker.tagImageCmd(imageId, reference.substring(0, colon), reference.substring(colon + 1)).exec();
    }

    /** A build context holding only the Dockerfile. */
    private static byte[] context(String dockerfile) {
        byte[] content = dockerfile.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
            entry.setSize(content.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException inMemory) {
            throw new IllegalStateException(inMemory);
        }
        return bytes.toByteArray();
    }

    private static DockerHttpClient.Request.Builder request(DockerHttpClient.Request.Method method, String path) {
        return DockerHttpClient.Request.builder().method(method).path(path);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    private static String jsonArray(List<String> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(value -> quoted.add(jsonString(value)));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static String jsonObject(Map<String, String> values) {
        List<String> members = new ArrayList<>();
        values.forEach((key, value) -> members.add(jsonString(key) + ":" + jsonString(value)));
        return "{" + String.join(",", members) + "}";
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
}
