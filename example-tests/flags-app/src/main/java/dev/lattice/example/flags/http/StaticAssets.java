package dev.lattice.example.flags.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The web page: files under classpath /static, or a plain page when the UI was not built into the jar. */
final class StaticAssets {

    record Asset(byte[] content, String contentType) {
    }

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "map", "application/json");

    private static final String FALLBACK_PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Flags</title></head>
            <body><h1>Flags</h1>
            <p>The web UI was not built into this jar. The API is at <code>/api/v1</code>;
            try <code>GET /api/v1/namespaces/default/flags</code>.</p></body></html>
            """;

    Optional<Asset> find(String path) {
        String relative = path.equals("/") ? "index.html" : path.substring(1);
        if (relative.contains("..") || relative.contains("\\")) {
            return Optional.empty();
        }
        Optional<Asset> asset = load("static/" + relative);
        if (asset.isEmpty() && relative.equals("index.html")) {
            return Optional.of(new Asset(FALLBACK_PAGE.getBytes(StandardCharsets.UTF_8), CONTENT_TYPES.get("html")));
        }
        return asset;
    }

    private Optional<Asset> load(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = resource.substring(resource.lastIndexOf('.') + 1);
            return Optional.of(new Asset(in.readAllBytes(),
                    CONTENT_TYPES.getOrDefault(extension, "application/octet-stream")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
