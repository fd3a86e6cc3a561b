package dev.lattice.engine;

import java.util.List;

/**
 * What {@link Engine#prune(PrunePolicy)} removed (or, for a dry run, would remove).
 *
 * @param removedImages  cache image references removed (an image id for an entry that had lost its tag)
 * @param removedVolumes cache volume names removed
 * @param reclaimedBytes bytes freed on disk: the layers of the removed images that no kept image has
 */
public record PruneResult(List<String> removedImages, List<String> removedVolumes, long reclaimedBytes) {

    /** Copies the lists. */
    public PruneResult {
        removedImages = List.copyOf(removedImages);
        removedVolumes = List.copyOf(removedVolumes);
    }
}
