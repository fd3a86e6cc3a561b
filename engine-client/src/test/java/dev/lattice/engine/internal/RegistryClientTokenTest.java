package dev.lattice.engine.internal;

import com.github.dockerjava.api.model.AuthConfig;
import dev.lattice.engine.TokenService;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM's lookups on {@code scripts/registry.sh}'s token registry, with the tests' token service. */
class RegistryClientTokenTest {

    @Test
    void lookupsAnsweredWithAChallengeAtOnceFetchOneTokenNotOneEach() throws Exception {
        String prefix = "lattice-test/" + UUID.randomUUID().toString().substring(0, 8);
        RegistryCacheSettings settings = RegistryCacheSettings.from(name -> Optional.ofNullable(
                Map.of(RegistryCacheSettings.REGISTRY, TokenService.REGISTRY + "/" + prefix).get(name))).orElseThrow();
        List<String> keys = IntStream.range(0, 16).mapToObj(i -> "absent-" + i).toList();
        try (TokenService tokens = TokenService.start()) {
            RegistryClient client = new RegistryClient(settings,
                    new AuthConfig().withUsername(TokenService.USER).withPassword(TokenService.PASSWORD));

            // The client has no token yet, so the registry challenges the first lookups, sent at once, as it
            // challenges every lookup of a batch sent with a token that has just expired.
            assertThat(client.existing("step", keys)).isEmpty();

            assertThat(tokens.served()).as("token requests").hasSize(1);
        }
    }
}
