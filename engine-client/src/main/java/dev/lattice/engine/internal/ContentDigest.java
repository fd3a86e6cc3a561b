package dev.lattice.engine.internal;

import dev.lattice.engine.LatticeException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 digests of strings, bytes and file contents, as lowercase hex. */
public final class ContentDigest {

    private ContentDigest() {
    }

    /** Returns a new SHA-256 message digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Returns the hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the hex SHA-256 of {@code bytes}. */
    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Returns the hex SHA-256 of a file's content, read as a stream. */
    public static String ofFile(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to compute its digest", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Returns a digest of the contents of host or in-memory files, in order (for cache volume names). */
    public static String ofFiles(List<FileSource> files) {
        StringBuilder canonical = new StringBuilder();
        for (FileSource file : files) {
            if (file instanceof FileSource.HostFile host) {
                canonical.append("host:").append(ofFile(host.path())).append('\n');
            } else if (file instanceof FileSource.InMemoryFile memory) {
                canonical.append("bytes:").append(of(memory.content())).append('\n');
            } else {
                throw new LatticeException("A cache volume can be keyed by host or in-memory files only, not by "
                        + file + "; copy that file to the host or use a fixed cache volume name");
            }
        }
        return of(canonical.toString());
    }
}
