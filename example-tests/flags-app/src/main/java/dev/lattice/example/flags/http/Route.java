package dev.lattice.example.flags.http;

/** One method and path of the API, bound to its handler. */
record Route(String method, PathPattern pattern, Handler handler) {

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(ApiRequest request);
    }
}
