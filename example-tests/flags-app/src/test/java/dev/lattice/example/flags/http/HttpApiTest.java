package dev.lattice.example.flags.http;

import dev.lattice.example.flags.TestDatabase;
import dev.lattice.example.flags.auth.BearerToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Status codes and auth of the HTTP API, on a loopback port. */
class HttpApiTest {

    private static final String TOKEN = "test-token";

    private static TestDatabase db;
    private static HttpApi api;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        db = TestDatabase.open();
        api = HttpApi.start(db.store(), BearerToken.of(TOKEN), 0);
    }

    @AfterAll
    static void stop() {
        api.close();
        db.close();
    }

    @Test
    void healthAndPageNeedNoToken() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null, null);
        HttpResponse<String> page = send("GET", "/", null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    void apiRefusesMissingOrWrongToken() throws Exception {
        assertThat(send("GET", "/api/v1/namespaces", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/namespaces", null, "wrong").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/namespaces", null, TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void flagLifecycleUsesProperStatusCodes() throws Exception {
        String ns = TestDatabase.uniqueKey("http");
        String flags = "/api/v1/namespaces/" + ns + "/flags";

        assertThat(send("POST", "/api/v1/namespaces", "{\"key\":\"" + ns + "\"}", TOKEN).statusCode()).isEqualTo(201);
        assertThat(send("POST", flags, "{\"key\":\"f\",\"enabled\":true}", TOKEN).statusCode()).isEqualTo(201);
        assertThat(send("POST", flags, "{\"key\":\"f\"}", TOKEN).statusCode()).isEqualTo(409);
        assertThat(send("POST", flags, "{\"key\":\"not valid\"}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(send("POST", flags, "{not json", TOKEN).statusCode()).isEqualTo(400);
        assertThat(send("GET", flags + "/f", null, TOKEN).body()).contains("\"enabled\":true");
        assertThat(send("DELETE", flags + "/f", null, TOKEN).statusCode()).isEqualTo(204);
        assertThat(send("GET", flags + "/f", null, TOKEN).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/nothing-here", null, TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void evaluateAnswersWithVariant() throws Exception {
        String ns = TestDatabase.uniqueKey("eval");
        String base = "/api/v1/namespaces/" + ns;
        send("POST", "/api/v1/namespaces", "{\"key\":\"" + ns + "\"}", TOKEN);
        send("POST", base + "/flags", "{\"key\":\"f\",\"enabled\":true}", TOKEN);
        send("POST", base + "/flags/f/variants", "{\"key\":\"v\"}", TOKEN);
        send("POST", base + "/segments", "{\"key\":\"s\",\"matchType\":\"ALL\"}", TOKEN);
        send("POST", base + "/segments/s/constraints", "{\"property\":\"plan\",\"operator\":\"eq\",\"value\":\"gold\"}", TOKEN);
        assertThat(send("POST", base + "/rules", "{\"flagKey\":\"f\",\"segmentKey\":\"s\",\"variantKey\":\"v\"}", TOKEN)
                .statusCode()).isEqualTo(201);

        HttpResponse<String> result = send("POST", "/api/v1/evaluate", "{\"namespaceKey\":\"" + ns
                + "\",\"flagKey\":\"f\",\"entityId\":\"u\",\"context\":{\"plan\":\"gold\"}}", TOKEN);

        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("\"match\":true", "\"variantKey\":\"v\"", "\"reason\":\"MATCH\"");
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
