package dev.lattice.example.flags.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lattice.example.flags.domain.InvalidInputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** What a route handler sees of an HTTP request. */
record ApiRequest(Map<String, String> pathParams, Map<String, String> query, byte[] body) {

    String path(String name) {
        return pathParams.get(name);
    }

    /** Reads the JSON body; an empty body reads as an empty object. */
    <T> T body(Class<T> type) {
        try {
            return Json.MAPPER.readValue(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("request body is not valid JSON for this call: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new InvalidInputException("request body could not be read: " + e.getMessage());
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
