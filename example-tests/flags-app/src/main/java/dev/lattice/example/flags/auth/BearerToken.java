package dev.lattice.example.flags.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The configured API token; when there is none, every call is allowed. */
public final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    private BearerToken(byte[] expected) {
        this.expected = expected;
    }

    public static BearerToken of(String token) {
        return new BearerToken(token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isRequired() {
        return expected != null;
    }

    /** Checks an "Authorization" header value; constant-time so the token cannot be guessed byte by byte. */
    public boolean accepts(String authorization) {
        if (!isRequired()) {
            return true;
        }
        if (authorization == null || !authorization.startsWith(SCHEME)) {
            return false;
        }
        byte[] presented = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, presented);
    }
}
