package dev.lattice.engine.internal;

import dev.lattice.engine.LatticeException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A filtered snapshot of a host directory: relative paths, modes and content digests (never mtimes),
 * in a stable order.
 *
 * @param root    the directory
 * @param entries files, directories and symbolic links, sorted by relative path
 */
public record HostTree(Path root, List<Entry> entries) {

    /**
     * One path of the tree.
     *
     * @param relative path relative to the root, with '/' separators
     * @param type     file, directory or symbolic link
     * @param mode     POSIX permission bits
     * @param digest   content digest for files, link target for links, empty for directories
     */
    public record Entry(String relative, Type type, int mode, String digest) {
    }

    /** Kinds of entries. */
    public enum Type { FILE, DIRECTORY, SYMLINK }

    /** Walks {@code root} keeping paths that match an include glob (or all) and no exclude glob. */
    public static HostTree scan(Path root, List<String> includes, List<String> excludes) {
        if (!Files.isDirectory(root)) {
            throw new LatticeException("Host directory " + root + " does not exist or is not a directory");
        }
        List<PathMatcher> include = Globs.matchers(includes);
        List<PathMatcher> exclude = Globs.matchers(excludes);
        List<Entry> entries = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path relative = root.relativize(dir);
                    // A directory is pruned when its contents match an exclude ("target/**" prunes target).
                    if (Globs.matchesAny(exclude, relative) || Globs.matchesAny(exclude, relative.resolve("_"))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (include.isEmpty()) {
                        entries.add(new Entry(slashed(relative), Type.DIRECTORY, mode(dir), ""));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    if (Globs.matchesAny(exclude, relative) || (!include.isEmpty() && !Globs.matchesAny(include, relative))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isSymbolicLink()) {
                        entries.add(new Entry(slashed(relative), Type.SYMLINK, 0777, linkTarget(file)));
                    } else if (attrs.isRegularFile()) {
                        entries.add(new Entry(slashed(relative), Type.FILE, mode(file), ContentDigest.ofFile(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new LatticeException("Cannot read host directory " + root + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(Entry::relative));
        return new HostTree(root, entries);
    }

    /** Returns the digest of the whole tree: paths, types, modes and contents. */
    public String digest() {
        StringBuilder canonical = new StringBuilder();
        for (Entry entry : entries) {
            canonical.append(entry.type()).append(' ').append(Integer.toOctalString(entry.mode())).append(' ')
                    .append(CanonicalText.quote(entry.relative())).append(' ').append(entry.digest()).append('\n');
        }
        return ContentDigest.of(canonical.toString());
    }

    /** Returns the POSIX mode bits of a path, 0644/0755 where the file system has none. */
    static int mode(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission permission : permissions) {
                mode |= 1 << (8 - permission.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return Files.isDirectory(path) || Files.isExecutable(path) ? 0755 : 0644;
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new LatticeException("Cannot read symbolic link " + link + ": " + e.getMessage(), e);
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
