package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot of the engine's tagged images, listed once per solve so cache lookups cost no round trip. */
public final class ImageIndex {

    private final Map<String, String> idByTag;

    private ImageIndex(Map<String, String> idByTag) {
        this.idByTag = idByTag;
    }

    /** Lists the engine's images once. */
    public static ImageIndex load(DockerClient docker) {
        List<Image> images = docker.listImagesCmd().exec();
        Map<String, String> idByTag = new HashMap<>();
        for (Image image : images) {
            if (image.getRepoTags() != null) {
                for (String tag : image.getRepoTags()) {
                    idByTag.put(tag, image.getId());
                }
            }
        }
        return new ImageIndex(idByTag);
    }

    /** Returns the id of the image tagged {@code reference} ({@code :latest} when it has no tag); may be empty. */
    public Optional<String> idOf(String reference) {
        for (String name : names(withTag(reference))) {
            String id = idByTag.get(name);
            if (id != null) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the names an engine may list a reference under: as written, and for a name without a registry the
     * fully qualified forms. Docker lists {@code debian:bookworm-slim}; Podman lists a loaded image as
     * {@code localhost/debian:bookworm-slim} and a pulled one as {@code docker.io/library/debian:bookworm-slim}.
     */
    static List<String> names(String tagged) {
        int slash = tagged.indexOf('/');
        String first = slash < 0 ? "" : tagged.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (hasRegistry) {
            return List.of(tagged);
        }
        return slash < 0
                ? List.of(tagged, "localhost/" + tagged, "docker.io/library/" + tagged)
                : List.of(tagged, "localhost/" + tagged, "docker.io/" + tagged);
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
