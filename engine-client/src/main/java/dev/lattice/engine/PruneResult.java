package dev.lattice.engine;

import java.util.List;

/**
 * What {@link Engine#prune(PrunePolicy)} removed.
 *
 * @param removedImages  cache image references removed
 * @param removedVolumes cache volume names removed
 * @param reclaimedBytes approximate bytes reclaimed (image sizes as the engine reports them)
 */
public record PruneResult(List<String> removedImages, List<String> removedVolumes, long reclaimedBytes) {

    public PruneResult {
        removedImages = List.copyOf(removedImages);
        removedVolumes = List.copyOf(removedVolumes);
    }
}
