package dev.lattice.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * Tokens the token registry of {@code scripts/registry.sh} accepts, as distribution's token auth verifies them: a JWT
 * signed RS256 with the script's key ({@code token.key}), the key's self-signed certificate (the registry's trusted
 * root) in the {@code x5c} header, the issuer and service (audience) the registry is configured with, valid from now
 * for a few minutes, with an {@code access} claim for each scope.
 */
final class RegistryTokens {

    /** As {@code scripts/registry.sh} configures the token registry. */
    static final String SERVICE = "lattice-registry-token";
    static final String ISSUER = "lattice-token-service";
    // Longer than any test: a token that expired mid-test would be fetched again, and the tests count token requests.
    static final long LIFETIME_SECONDS = 24 * 60 * 60;

    private final PrivateKey key;
    private final String certificate;

    private RegistryTokens(PrivateKey key, String certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Reads the script's key and certificate; fails, with what to run, when they are missing. */
    static RegistryTokens load() throws IOException {
        Path dir = RegistryCacheEnvironment.registryRoot().resolve("token");
        return new RegistryTokens(privateKey(dir.resolve("token.key")), certificate(dir.resolve("token.crt")));
    }

    /** A token of {@code subject} granting each scope ({@code repository:NAME:pull,push}) as asked. */
    String token(String subject, List<String> scopes) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certificate + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"aud\":\"" + SERVICE + "\",\"exp\":"
                + (now + LIFETIME_SECONDS) + ",\"nbf\":" + now + ",\"iat\":" + now + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"access\":[" + scopes.stream().map(RegistryTokens::access).collect(Collectors.joining(","))
                + "]}";
        String signed = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("Cannot sign a token with the token registry's key", failed);
        }
    }

    /** {@code TYPE:NAME:ACTIONS} as the claim granting those actions; a repository name has no colon. */
    private static String access(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        String actions = Arrays.stream(scope.substring(last + 1).split(","))
                .map(action -> "\"" + action + "\"").collect(Collectors.joining(","));
        return "{\"type\":\"" + scope.substring(0, first) + "\",\"name\":\"" + scope.substring(first + 1, last)
                + "\",\"actions\":[" + actions + "]}";
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PrivateKey privateKey(Path file) {
        String pem = read(file);
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException unreadable) {
            throw new IllegalStateException(file + " is not an RSA key in PKCS#8 PEM form, as scripts/registry.sh"
                    + " makes it; run `bash scripts/registry.sh stop` then `bash scripts/registry.sh` to make it anew",
                    unreadable);
        }
    }

    /** The certificate's DER in base64, as {@code x5c} carries it. */
    private static String certificate(Path file) throws IOException {
        read(file);
        try (InputStream in = Files.newInputStream(file)) {
            return Base64.getEncoder().encodeToString(
                    CertificateFactory.getInstance("X.509").generateCertificate(in).getEncoded());
        } catch (GeneralSecurityException unreadable) {
            throw new IllegalStateException(file + " is not an X.509 certificate in PEM form; run `bash"
                    + " scripts/registry.sh stop` then `bash scripts/registry.sh` to make it anew", unreadable);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException missing) {
            return fail("The token registry's " + file.getFileName() + " (" + file + ") cannot be read (" + missing
                    + "); start the test registries with `bash scripts/registry.sh` (it makes the token registry's key"
                    + " and certificate once)");
        }
    }
}
