package dev.lattice.example.flags.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.lattice.example.flags.auth.BearerToken;
import dev.lattice.example.flags.domain.DuplicateException;
import dev.lattice.example.flags.domain.InvalidInputException;
import dev.lattice.example.flags.domain.NotFoundException;
import dev.lattice.example.flags.store.FlagStore;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends each request to the health check, the API (behind the token) or the web page. */
final class ApiDispatcher implements HttpHandler {

    private final FlagStore store;
    private final BearerToken token;
    private final List<Route> routes;
    private final StaticAssets assets = new StaticAssets();

    ApiDispatcher(FlagStore store, BearerToken token) {
        this.store = store;
        this.token = token;
        this.routes = ApiRoutes.of(store);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/health")) {
                writeJson(exchange, store.isHealthy()
                        ? ApiResponse.ok(Map.of("status", "ok"))
                        : ApiResponse.error(503, "database unreachable"));
            } else if (path.startsWith("/api/")) {
                writeJson(exchange, api(exchange, path));
            } else {
                serveAsset(exchange, path);
            }
        } catch (RuntimeException e) {
            System.err.println("http: unexpected failure: " + e);
        }
    }

    private ApiResponse api(HttpExchange exchange, String path) throws IOException {
        if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            return ApiResponse.error(401, "missing or wrong bearer token");
        }
        String method = exchange.getRequestMethod();
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.pattern().match(path);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                ApiRequest request = new ApiRequest(params.get(),
                        ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestBody().readAllBytes());
                return invoke(route, request);
            }
        }
        return pathKnown ? ApiResponse.error(405, method + " not allowed here")
                : ApiResponse.error(404, "no such API path: " + path);
    }

    private static ApiResponse invoke(Route route, ApiRequest request) {
        try {
            return route.handler().handle(request);
        } catch (InvalidInputException e) {
            return ApiResponse.error(400, e.getMessage());
        } catch (NotFoundException e) {
            return ApiResponse.error(404, e.getMessage());
        } catch (DuplicateException e) {
            return ApiResponse.error(409, e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("http: " + e);
            return ApiResponse.error(500, "internal error: " + e.getMessage());
        }
    }

    private void serveAsset(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            writeJson(exchange, ApiResponse.error(405, "only GET here"));
            return;
        }
        Optional<StaticAssets.Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            writeJson(exchange, ApiResponse.error(404, "not found: " + path));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", asset.get().contentType());
        write(exchange, 200, asset.get().content());
    }

    private static void writeJson(HttpExchange exchange, ApiResponse response) throws IOException {
        if (response.body() == null) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        write(exchange, response.status(), Json.MAPPER.writeValueAsBytes(response.body()));
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
