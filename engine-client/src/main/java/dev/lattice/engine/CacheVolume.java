package dev.lattice.engine;

import dev.lattice.engine.internal.ContentDigest;
import dev.lattice.engine.internal.FileSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A persistent named Docker volume mounted during execs, e.g. a dependency cache. It is never part
 * of an image nor of a cache key. {@link #keyedBy(File...)} derives the name from file contents, so a
 * changed dependency list starts a fresh volume instead of growing one forever. Immutable.
 */
public final class CacheVolume {

    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final String name;
    private final List<File> keyFiles;

    private CacheVolume(String name, List<File> keyFiles) {
        this.name = name;
        this.keyFiles = List.copyOf(keyFiles);
    }

    /**
     * Returns a cache volume with a fixed name.
     *
     * @param name letters, digits, '_', '.', '-'
     * @return a new cache volume
     */
    public static CacheVolume named(String name) {
        Objects.requireNonNull(name, "name");
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Cache volume name '" + name
                    + "' is invalid; use letters, digits, '_', '.' and '-' only");
        }
        return new CacheVolume(name, List.of());
    }

    /**
     * Returns a new cache volume whose name also carries a digest of these files' contents (host or
     * in-memory files; a file of another container is not supported here).
     */
    public CacheVolume keyedBy(File... files) {
        List<File> all = new ArrayList<>(keyFiles);
        all.addAll(List.of(files));
        return new CacheVolume(name, all);
    }

    /**
     * Returns the Docker volume name, e.g. {@code lattice-cache-m2-3f9a1c2b7e01}; reads the key files,
     * so they must be readable.
     */
    public String volumeName() {
        if (keyFiles.isEmpty()) {
            return "lattice-cache-" + name;
        }
        List<FileSource> sources = keyFiles.stream().map(File::source).toList();
        return "lattice-cache-" + name + "-" + ContentDigest.ofFiles(sources).substring(0, 12);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CacheVolume that && name.equals(that.name) && keyFiles.equals(that.keyFiles);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + keyFiles.hashCode();
    }

    @Override
    public String toString() {
        return "CacheVolume[" + name + (keyFiles.isEmpty() ? "" : ", keyed by " + keyFiles.size() + " files") + "]";
    }
}
