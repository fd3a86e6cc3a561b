package dev.lattice.engine.internal;

import java.nio.file.Path;
import java.util.List;

/** Where a directory's content comes from, with include/exclude globs relative to its root. */
public sealed interface DirectorySource {

    /** The include globs; empty means everything. */
    List<String> includes();

    /** The exclude globs. */
    List<String> excludes();

    /** A directory on the machine running the tests. */
    record HostDirectory(Path root, List<String> includes, List<String> excludes) implements DirectorySource {
        public HostDirectory {
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
        }
    }

    /** A directory of another container's result. */
    record ContainerDirectory(ContainerDefinition container, String path, List<String> includes,
                              List<String> excludes) implements DirectorySource {
        public ContainerDirectory {
            includes = List.copyOf(includes);
            excludes = List.copyOf(excludes);
        }
    }
}
