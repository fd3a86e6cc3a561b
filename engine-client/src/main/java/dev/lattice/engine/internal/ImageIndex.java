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
        return Optional.ofNullable(idByTag.get(withTag(reference)));
    }

    /** Returns the id of the cache entry with this key; may be empty. */
    public Optional<String> cacheEntry(String key) {
        return Optional.ofNullable(idByTag.get(StepImages.CACHE_REPOSITORY + ":" + key));
    }

    static String withTag(String reference) {
        int slash = reference.lastIndexOf('/');
        return reference.indexOf(':', slash + 1) >= 0 || reference.contains("@") ? reference : reference + ":latest";
    }
}
