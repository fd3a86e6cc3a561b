package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a path of a container as the engine archives it ({@code GET /containers/{id}/archive}), together with what
 * the engine says of the path before the archive: its type and size. Knowing them from the same request lets a copy
 * choose how to copy without a request of its own (each archive request makes the engine start a process, about
 * 40 ms). Where the client does not expose its HTTP transport, the archive is read through the client and the path's
 * stat is unknown.
 */
final class ContainerArchives {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerArchives.class);
    private static final String STAT_HEADER = "X-Docker-Container-Path-Stat";
    private static final Pattern STAT_MODE = Pattern.compile("\"mode\"\\s*:\\s*(\\d+)");
    private static final Pattern STAT_SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");
    /** The type bits of Go's os.FileMode that make a path other than a plain file: dir, link, device, pipe... */
    private static final long NOT_REGULAR = (1L << 31) | (1L << 27) | (1L << 26) | (1L << 25) | (1L << 24)
            | (1L << 21) | (1L << 19);

    private final DockerClient docker;
    private final Optional<DockerHttpClient> http;

    ContainerArchives(DockerClient docker) {
        this.docker = docker;
        this.http = transport(docker);
    }

    /**
     * Opens the archive of {@code path} in {@code container}; close it when done (a read closed before its end stops
     * the transfer).
     *
     * @throws NotFoundException when the container or the path does not exist
     * @throws DockerException   when the engine refuses otherwise
     */
    Read read(String container, String path) {
        if (http.isEmpty()) {
            return new Read(Optional.empty(), docker.copyArchiveFromContainerCmd(container, path).exec(), null);
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + container + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .build();
        DockerHttpClient.Response response = http.get().execute(request);
        int status = response.getStatusCode();
        if (status != 200) {
            String body = errorBody(response);
            response.close();
            String message = "Status " + status + ": " + body;
            throw status == 404 ? new NotFoundException(message) : new DockerException(message, status);
        }
        return new Read(stat(header(response.getHeaders(), STAT_HEADER)), response.getBody(), response);
    }

    /** The client's HTTP transport, which docker-java's client (also as Testcontainers shades it) exposes. */
    static Optional<DockerHttpClient> transport(DockerClient docker) {
        try {
            Object http = docker.getClass().getMethod("getHttpClient").invoke(docker);
            return http instanceof DockerHttpClient client ? Optional.of(client) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException none) {
            LOG.debug("Docker client {} does not expose its HTTP transport", docker.getClass().getName(), none);
            return Optional.empty();
        }
    }

    /** The value of a response header, whatever its case; empty when absent. */
    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && entry.getValue() != null) {
                return String.join("", entry.getValue()).strip();
            }
        }
        return "";
    }

    /** The path's stat from the engine's header (base64 of JSON); empty when absent or unreadable. */
    static Optional<PathStat> stat(String header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
            Matcher mode = STAT_MODE.matcher(json);
            Matcher size = STAT_SIZE.matcher(json);
            if (!mode.find() || !size.find()) {
                return Optional.empty();
            }
            return Optional.of(new PathStat((Long.parseLong(mode.group(1)) & NOT_REGULAR) == 0,
                    Long.parseLong(size.group(1))));
        } catch (IllegalArgumentException unreadable) {
            LOG.debug("Cannot read the path stat header {}", header, unreadable);
            return Optional.empty();
        }
    }

    private static String errorBody(DockerHttpClient.Response response) {
        try (InputStream body = response.getBody()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException unreadable) {
            return "(no message)";
        }
    }

    /** What the engine says of a path: whether it is a plain file (not a directory, link or device) and its size. */
    record PathStat(boolean plainFile, long size) {
    }

    /** An archive being read, with the path's stat when the engine sent it. */
    static final class Read implements AutoCloseable {
        private final Optional<PathStat> stat;
        private final InputStream archive;
        private final DockerHttpClient.Response response; // null when read through the client

        private Read(Optional<PathStat> stat, InputStream archive, DockerHttpClient.Response response) {
            this.stat = stat;
            this.archive = archive;
            this.response = response;
        }

        Optional<PathStat> stat() {
            return stat;
        }

        InputStream archive() {
            return archive;
        }

        /**
         * Ends the read. A response is closed as a whole, which drops its connection: closing only its body would read
         * the rest of the archive first (a large file that was only asked its size, say) to keep the connection.
         */
        @Override
        public void close() throws IOException {
            if (response != null) {
                response.close();
            } else {
                archive.close();
            }
        }
    }
}
