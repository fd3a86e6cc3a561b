package dev.lattice.engine.internal;

import dev.lattice.engine.LatticeException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Date;
import java.util.List;

/**
 * Writes the tar archive a copy step puts into a container at "/": entries carry the destination
 * path, root ownership, their modes and a fixed modification time, so layers do not depend on when
 * files were touched.
 */
final class LayerArchive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LayerArchive.class);

    /** 2000-01-01T00:00:00Z: a fixed modification time for every entry. */
    private static final Date FIXED_TIME = new Date(946_684_800_000L);

    private final Path file;
    private final TarArchiveOutputStream tar;

    private LayerArchive(Path file) throws IOException {
        this.file = file;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Starts an archive in a new temporary file. */
    static LayerArchive create() {
        try {
            return new LayerArchive(Files.createTempFile("lattice-layer", ".tar"));
        } catch (IOException e) {
            throw new LatticeException("Cannot create a temporary archive: " + e.getMessage(), e);
        }
    }

    /** Returns the archive's file (complete after {@link #finish()}). */
    Path file() {
        return file;
    }

    /** Adds a directory entry at an absolute container path. */
    void directory(String absolutePath, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(relative(absolutePath) + "/", TarConstants.LF_DIR);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~07777 | mode);
        stamp(entry);
        TarEntries.put(tar, entry);
        tar.closeArchiveEntry();
    }

    /** Adds a host file at an absolute container path. */
    void hostFile(String absolutePath, Path source, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(relative(absolutePath));
        entry.setSize(Files.size(source));
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        stamp(entry);
        TarEntries.put(tar, entry);
        Files.copy(source, tar);
        tar.closeArchiveEntry();
    }

    /** Adds bytes as a file at an absolute container path. */
    void bytes(String absolutePath, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(relative(absolutePath));
        entry.setSize(content.length);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        stamp(entry);
        TarEntries.put(tar, entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Adds a symbolic link at an absolute container path. */
    void symlink(String absolutePath, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(relative(absolutePath), TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        stamp(entry);
        TarEntries.put(tar, entry);
        tar.closeArchiveEntry();
    }

    /** Adds every entry of a host tree under an absolute container directory. */
    void hostTree(HostTree tree, String destination) throws IOException {
        directory(destination, 0755);
        String prefix = destination.equals("/") ? "/" : destination + "/";
        for (HostTree.Entry entry : tree.entries()) {
            String target = prefix + entry.relative();
            switch (entry.type()) {
                case DIRECTORY -> directory(target, entry.mode());
                case FILE -> hostFile(target, tree.root().resolve(entry.relative()), entry.mode());
                case SYMLINK -> symlink(target, entry.digest());
            }
        }
    }

    /**
     * Copies the entries of an archive read from a container (rooted at the copied path's base name)
     * under {@code destination}: a single file becomes {@code destination}, a directory's content goes
     * into it. Globs filter the paths relative to the copied directory.
     */
    void containerArchive(InputStream source, String destination, boolean single, List<String> includes,
                          List<String> excludes) throws IOException {
        List<PathMatcher> include = Globs.matchers(includes);
        List<PathMatcher> exclude = Globs.matchers(excludes);
        InputStream in = TarEntries.open(source);
        String prefix = destination.equals("/") ? "/" : destination + "/";
        for (TarArchiveEntry entry = TarEntries.next(in); entry != null; entry = TarEntries.next(in)) {
            String inner = stripFirst(entry.getName());
            String target;
            if (single) {
                target = destination;
            } else if (inner.isEmpty()) {
                target = destination;
            } else {
                Path relative = Path.of(inner);
                boolean excluded = Globs.matchesAny(exclude, relative) || (entry.isDirectory() && Globs.matchesAny(exclude, relative.resolve("_")));
                if (excluded || (!include.isEmpty() && !entry.isDirectory() && !Globs.matchesAny(include, relative))) {
                    continue;
                }
                target = prefix + inner;
            }
            TarArchiveEntry copy = new TarArchiveEntry(relative(target) + (entry.isDirectory() ? "/" : ""),
                    entry.isDirectory() ? TarConstants.LF_DIR : entry.isSymbolicLink() ? TarConstants.LF_SYMLINK
                            : entry.isLink() ? TarConstants.LF_LINK : TarConstants.LF_NORMAL);
            copy.setMode(entry.getMode());
            copy.setUserId(entry.getLongUserId());
            copy.setGroupId(entry.getLongGroupId());
            copy.setModTime(entry.getModTime());
            if (entry.isSymbolicLink()) {
                copy.setLinkName(entry.getLinkName());
            } else if (entry.isLink()) {
                copy.setLinkName(relative(prefix + stripFirst(entry.getLinkName())));
            } else if (entry.isFile()) {
                copy.setSize(entry.getSize());
            }
            TarEntries.put(tar, copy);
            if (entry.isFile() && !entry.isLink()) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
    }

    /** Completes the archive. */
    void finish() throws IOException {
        tar.finish();
        tar.close();
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException alreadyClosed) {
            // Already closed by finish(), or the temporary file is deleted next anyway.
            LOG.debug("Closing archive {} failed", file, alreadyClosed);
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftOver) {
            // A leftover temporary file is harmless.
            LOG.debug("Cannot delete temporary archive {}", file, leftOver);
        }
    }

    private static void stamp(TarArchiveEntry entry) {
        entry.setModTime(FIXED_TIME);
        entry.setUserId(0);
        entry.setGroupId(0);
    }

    private static String relative(String absolutePath) {
        String trimmed = absolutePath;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        return trimmed.isEmpty() ? "." : trimmed;
    }

    private static String stripFirst(String name) {
        String clean = name.startsWith("./") ? name.substring(2) : name;
        int slash = clean.indexOf('/');
        String rest = slash < 0 ? "" : clean.substring(slash + 1);
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }
}
