package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's tagged images as one solve sees them: each reference is looked up once, when first asked, and answers
 * the same for the rest of the solve. A lookup inspects the one name (about 2 ms); listing every image, which an
 * engine answers in time that grows with its image count (15-20 ms for 160 images, measured), would cost a warm solve
 * more than all its lookups do.
 */
public final class ImageIndex {

    private final DockerClient docker;
    private final Map<String, Optional<String>> idByReference = new ConcurrentHashMap<>();

    private ImageIndex(DockerClient docker) {
        this.docker = docker;
    }

    /** An index of the engine's images; nothing is asked of the engine until a lookup. */
    public static ImageIndex of(DockerClient docker) {
        return new ImageIndex(docker);
    }

    /** Returns the id of the image tagged {@code reference} ({@code :latest} when it has no tag); may be empty. */
    public Optional<String> idOf(String reference) {
        String tagged = withTag(reference);
        Optional<String> known = idByReference.get(tagged);
        if (known != null) {
            return known;
        }
        // The engine resolves the name as it resolves any name it is given: Docker a short name to Docker Hub's, Podman
        // also to localhost/ (where it keeps a loaded image).
        Optional<String> found = inspect(tagged);
        Optional<String> first = idByReference.putIfAbsent(tagged, found);
        return first == null ? found : first;
    }

    private Optional<String> inspect(String name) {
        try {
            return Optional.ofNullable(docker.inspectImageCmd(name).exec().getId());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    /** Returns the id of the cache entry with this key; may be empty. */
    public Optional<String> cacheEntry(String key) {
        return idOf(StepImages.CACHE_REPOSITORY + ":" + key);
    }

    static String withTag(String reference) {
        int slash = reference.lastIndexOf('/');
        return reference.indexOf(':', slash + 1) >= 0 || reference.contains("@") ? reference : reference + ":latest";
    }
}
