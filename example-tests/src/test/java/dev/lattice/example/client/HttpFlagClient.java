package dev.lattice.example.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FlagClient over the app's HTTP/JSON API. */
final class HttpFlagClient implements FlagClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final URI base;
    private final String token;
    private final HttpClient http;

    HttpFlagClient(String host, int port, String token) {
        this.base = URI.create("http://" + host + ":" + port);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public String transport() {
        return "http";
    }

    @Override
    public Namespace createNamespace(String key, String name) {
        return send("POST", "/api/v1/namespaces", body("key", key, "name", name), Namespace.class);
    }

    @Override
    public Flag createFlag(String namespace, String key, String name, boolean enabled) {
        return send("POST", flags(namespace), body("key", key, "name", name, "enabled", enabled), Flag.class);
    }

    @Override
    public Flag getFlag(String namespace, String key) {
        return send("GET", flags(namespace) + "/" + segment(key), null, Flag.class);
    }

    @Override
    public List<Flag> listFlags(String namespace) {
        JsonNode page = send("GET", flags(namespace), null, JsonNode.class);
        return JSON.convertValue(page.get("flags"), new TypeReference<List<Flag>>() {
        });
    }

    @Override
    public void deleteFlag(String namespace, String key) {
        send("DELETE", flags(namespace) + "/" + segment(key), null, Void.class);
    }

    @Override
    public Variant createVariant(String namespace, String flagKey, String key, String attachment) {
        return send("POST", flags(namespace) + "/" + segment(flagKey) + "/variants",
                body("key", key, "attachment", attachment), Variant.class);
    }

    @Override
    public Segment createSegment(String namespace, String key, String matchType) {
        return send("POST", ns(namespace) + "/segments", body("key", key, "matchType", matchType), Segment.class);
    }

    @Override
    public Constraint createConstraint(String namespace, String segmentKey, String property, String operator,
                                       String value) {
        return send("POST", ns(namespace) + "/segments/" + segment(segmentKey) + "/constraints",
                body("property", property, "operator", operator, "value", value), Constraint.class);
    }

    @Override
    public Rule createRule(String namespace, String flagKey, String segmentKey, String variantKey, int rank) {
        return send("POST", ns(namespace) + "/rules",
                body("flagKey", flagKey, "segmentKey", segmentKey, "variantKey", variantKey, "rank", rank), Rule.class);
    }

    @Override
    public Evaluation evaluate(String namespace, String flagKey, String entityId, Map<String, String> context) {
        return send("POST", "/api/v1/evaluate", body("namespaceKey", namespace, "flagKey", flagKey,
                "entityId", entityId, "context", context), Evaluation.class);
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads end with the JVM.
    }

    private <T> T send(String method, String path, Map<String, Object> body, Class<T> type) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            throwIfRefused(method + " " + path, response);
            return type == Void.class ? null : JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new Failed(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(method + " " + path + " interrupted", e);
        }
    }

    private static void throwIfRefused(String call, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status < 400) {
            return;
        }
        String message = call + " -> " + status + ": " + new String(response.body(), StandardCharsets.UTF_8);
        throw switch (status) {
            case 400 -> new Invalid(message);
            case 401 -> new Unauthorized(message);
            case 404 -> new NotFound(message);
            case 409 -> new Conflict(message);
            default -> new Failed(message);
        };
    }

    /** A JSON object from alternating names and values; null values are left out. */
    private static Map<String, Object> body(Object... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return body;
    }

    private static String ns(String namespace) {
        return "/api/v1/namespaces/" + segment(namespace);
    }

    private static String flags(String namespace) {
        return ns(namespace) + "/flags";
    }

    private static String segment(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
