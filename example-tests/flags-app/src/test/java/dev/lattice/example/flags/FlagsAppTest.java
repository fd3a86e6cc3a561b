package dev.lattice.example.flags;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlagsAppTest {

    @Test
    void selfCheckCallsBothApisThenReleasesTheirPorts() throws Exception {
        int http = freePort();
        int grpc = freePort();

        FlagsApp.run(List.of("--self-check"), Map.of("FLAGS_DB_URL", "jdbc:sqlite::memory:", "FLAGS_AUTH_TOKEN",
                "t0ken", "FLAGS_HTTP_PORT", Integer.toString(http), "FLAGS_GRPC_PORT", Integer.toString(grpc)));

        // Returned without being stopped, and closed what it opened: both ports are free again.
        try (ServerSocket httpAgain = new ServerSocket(http); ServerSocket grpcAgain = new ServerSocket(grpc)) {
            assertThat(httpAgain.getLocalPort()).isEqualTo(http);
            assertThat(grpcAgain.getLocalPort()).isEqualTo(grpc);
        }
    }

    @Test
    void anUnknownArgumentNamesTheOnlyOne() {
        assertThatThrownBy(() -> FlagsApp.run(List.of("--port=1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--port=1'")
                .hasMessageContaining("--self-check");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
