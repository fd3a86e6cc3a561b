package dev.lattice.example.flags.http;

import java.util.Map;

/** A status and an optional body, written as JSON. */
record ApiResponse(int status, Object body) {

    static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    static ApiResponse error(int status, String message) {
        return new ApiResponse(status, Map.of("error", message == null ? "" : message));
    }
}
