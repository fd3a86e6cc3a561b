package dev.lattice.engine.internal;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads tar entries with calls that link against every Commons Compress that Testcontainers 1.21 to 2.0 bring
 * (1.24 to 1.28). Since 1.25 {@code TarArchiveInputStream.getNextEntry()} returns {@code TarArchiveEntry}, so code
 * compiled against it calls a method 1.24 lacks ({@code NoSuchMethodError}); the supertype's
 * {@code ArchiveInputStream.getNextEntry()}, which returns {@code ArchiveEntry}, exists in all of them. Likewise
 * {@code TarArchiveOutputStream.putArchiveEntry(TarArchiveEntry)} is new in 1.25: entries go in through the
 * supertype's {@code putArchiveEntry(ArchiveEntry)}.
 */
final class TarEntries {

    private TarEntries() {
    }

    /** Opens a tar stream over {@code in}; read its entries with {@link #next(InputStream)}. */
    static InputStream open(InputStream in) {
        return new TarArchiveInputStream(in);
    }

    /** Returns the next entry of a stream from {@link #open(InputStream)}, or null at the end. */
    @SuppressWarnings({"rawtypes"})
    static TarArchiveEntry next(InputStream tar) throws IOException {
        // A raw ArchiveInputStream: generic only since 1.25, and the call must go through this type.
        ArchiveInputStream archive = (ArchiveInputStream) tar;
        ArchiveEntry entry = archive.getNextEntry();
        return (TarArchiveEntry) entry;
    }

    /** Starts {@code entry} in a {@code TarArchiveOutputStream}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void put(OutputStream tar, TarArchiveEntry entry) throws IOException {
        ArchiveOutputStream archive = (ArchiveOutputStream) tar;
        archive.putArchiveEntry((ArchiveEntry) entry);
    }
}
