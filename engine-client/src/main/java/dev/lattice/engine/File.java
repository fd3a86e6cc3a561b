package dev.lattice.engine;

import dev.lattice.engine.internal.FileSource;

/**
 * A single file to copy into a container: a host file ({@link Host#file(String)}), a file of another
 * container ({@link Container#file(String)}), or bytes given in memory ({@link #of(String, byte[], int)}).
 * Immutable.
 */
public final class File {

    private final FileSource source;

    File(FileSource source) {
        this.source = source;
    }

    /**
     * Returns an in-memory file, e.g. for a classpath resource. Its content goes into the cache key.
     *
     * @param name    a name for messages and reports
     * @param content the bytes (copied)
     * @param mode    the POSIX permission bits, e.g. {@code 0755}
     * @return a new file
     */
    public static File of(String name, byte[] content, int mode) {
        return new File(new FileSource.InMemoryFile(name, content, mode));
    }

    FileSource source() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof File that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "File[" + source + "]";
    }
}
