package dev.lattice.engine.internal;

import java.nio.file.Path;
import java.util.Arrays;

/** Where a single file comes from. */
public sealed interface FileSource {

    /** A file on the machine running the tests. */
    record HostFile(Path path) implements FileSource { }

    /** A file given by its bytes; its content goes into the cache key. */
    record InMemoryFile(String name, byte[] content, int mode) implements FileSource {
        public InMemoryFile {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InMemoryFile that && name.equals(that.name) && mode == that.mode
                    && Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(content);
        }

        @Override
        public String toString() {
            return "InMemoryFile[" + name + ", " + content.length + " bytes]";
        }
    }

    /** A file of another container's result. */
    record ContainerFile(ContainerDefinition container, String path) implements FileSource { }
}
