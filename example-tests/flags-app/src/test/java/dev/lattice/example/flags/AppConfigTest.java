package dev.lattice.example.flags;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        AppConfig config = AppConfig.fromEnv(Map.of());

        assertThat(config.db().url()).isEqualTo("jdbc:sqlite:/tmp/flags.db");
        assertThat(config.authToken()).isEmpty();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.grpcPort()).isEqualTo(9000);
    }

    @Test
    void environmentOverridesDefaults() {
        AppConfig config = AppConfig.fromEnv(Map.of(
                "FLAGS_DB_URL", "jdbc:postgresql://db:5432/flags", "FLAGS_DB_USER", "u", "FLAGS_DB_PASSWORD", "p",
                "FLAGS_AUTH_TOKEN", "secret", "FLAGS_HTTP_PORT", "18080", "FLAGS_GRPC_PORT", "19000"));

        assertThat(config.db().user()).isEqualTo("u");
        assertThat(config.db().password()).isEqualTo("p");
        assertThat(config.authToken()).isEqualTo("secret");
        assertThat(config.httpPort()).isEqualTo(18080);
        assertThat(config.grpcPort()).isEqualTo(19000);
    }

    @Test
    void badPortIsRejected() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("FLAGS_HTTP_PORT", "eighty")))
                .hasMessageContaining("FLAGS_HTTP_PORT");
    }

    @Test
    void unsupportedDatabaseIsRejected() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("FLAGS_DB_URL", "jdbc:h2:mem:x")).db().dialect())
                .hasMessageContaining("unsupported JDBC URL");
    }
}
