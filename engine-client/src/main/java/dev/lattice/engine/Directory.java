package dev.lattice.engine;

import dev.lattice.engine.internal.DirectorySource;
import dev.lattice.engine.internal.FileSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A directory to copy into a container: a host directory ({@link Host#directory(String)}) or a
 * directory of another container ({@link Container#directory(String)}), filtered by globs relative
 * to its root ({@code **} crosses directories). Immutable.
 */
public final class Directory {

    private final DirectorySource source;

    Directory(DirectorySource source) {
        this.source = source;
    }

    /** Returns a new directory keeping only paths that match one of the globs (added to earlier ones). */
    public Directory include(String... globs) {
        return new Directory(rebuild(concat(source.includes(), globs), source.excludes()));
    }

    /** Returns a new directory without the paths that match one of the globs (added to earlier ones). */
    public Directory exclude(String... globs) {
        return new Directory(rebuild(source.includes(), concat(source.excludes(), globs)));
    }

    /** Returns the file at {@code relativePath} inside this directory. */
    public File file(String relativePath) {
        if (source instanceof DirectorySource.HostDirectory host) {
            return new File(new FileSource.HostFile(host.root().resolve(relativePath).normalize()));
        }
        DirectorySource.ContainerDirectory dir = (DirectorySource.ContainerDirectory) source;
        String base = dir.path().endsWith("/") ? dir.path() : dir.path() + "/";
        return new File(new FileSource.ContainerFile(dir.container(), base + relativePath));
    }

    DirectorySource source() {
        return source;
    }

    private DirectorySource rebuild(List<String> includes, List<String> excludes) {
        if (source instanceof DirectorySource.HostDirectory host) {
            return new DirectorySource.HostDirectory(host.root(), includes, excludes);
        }
        DirectorySource.ContainerDirectory dir = (DirectorySource.ContainerDirectory) source;
        return new DirectorySource.ContainerDirectory(dir.container(), dir.path(), includes, excludes);
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Directory that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "Directory[" + source + "]";
    }
}
