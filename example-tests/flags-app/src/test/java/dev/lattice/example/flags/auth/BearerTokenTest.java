package dev.lattice.example.flags.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTest {

    @Test
    void withoutTokenEverythingIsAllowed() {
        assertThat(BearerToken.of("").accepts(null)).isTrue();
        assertThat(BearerToken.of(null).isRequired()).isFalse();
    }

    @Test
    void onlyTheExactBearerTokenIsAccepted() {
        BearerToken token = BearerToken.of("s3cret");

        assertThat(token.accepts("Bearer s3cret")).isTrue();
        assertThat(token.accepts("Bearer s3cre")).isFalse();
        assertThat(token.accepts("Basic s3cret")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }
}
