package dev.lattice.engine.internal;

import java.util.List;

/**
 * A container definition lowered into layers with their cache keys. Immutable.
 *
 * @param pipelineName the name progress and reports use
 * @param definition   what the user declared
 * @param baseImageId  id of the resolved base image
 * @param baseKey      key of the base image
 * @param baseConfig   configuration of the base image
 * @param layers       the layers, in order; empty when the container has no steps
 */
public record PipelinePlan(String pipelineName, ContainerDefinition definition, String baseImageId, String baseKey,
                           ImageConfig baseConfig, List<Layer> layers) {

    public PipelinePlan {
        layers = List.copyOf(layers);
    }

    /** Returns the key of the final image. */
    public String finalKey() {
        return layers.isEmpty() ? baseKey : layers.get(layers.size() - 1).key();
    }

    /** Returns the 0-based position of the last exec or copy layer, or -1 when there is none. */
    public int lastFilesystemLayer() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).kind() != Layer.Kind.CONFIG) {
                return i;
            }
        }
        return -1;
    }
}
