package dev.lattice.engine;

import dev.lattice.engine.internal.DirectorySource;
import dev.lattice.engine.internal.FileSource;

import java.nio.file.Path;
import java.util.List;

/** Entry point for inputs that live on the machine running the tests. */
public final class Host {

    private Host() {
    }

    /** Returns a host directory; a relative path resolves against the JVM's working directory. */
    public static Directory directory(String path) {
        return new Directory(new DirectorySource.HostDirectory(absolute(path), List.of(), List.of()));
    }

    /** Returns a host file; a relative path resolves against the JVM's working directory. */
    public static File file(String path) {
        return new File(new FileSource.HostFile(absolute(path)));
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
