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
 * @param owners       for each layer, the pipeline it is labelled with: this one, or a pipeline solved on its own
 *                     whose steps this one extends
 */
public record PipelinePlan(String pipelineName, ContainerDefinition definition, String baseImageId, String baseKey,
                           ImageConfig baseConfig, List<Layer> layers, List<StepOwner> owners) {

    public PipelinePlan {
        layers = List.copyOf(layers);
        owners = List.copyOf(owners);
        if (owners.size() != layers.size()) {
            throw new IllegalArgumentException("one owner per layer: " + owners.size() + " for " + layers.size());
        }
    }

    /**
     * The pipeline a step is labelled with in progress, reports and errors.
     *
     * @param pipelineName its name
     * @param steps        its number of steps
     */
    public record StepOwner(String pipelineName, int steps) {
    }

    /** Returns the owner of the layer at this 1-based index. */
    public StepOwner owner(Layer layer) {
        return owners.get(layer.index() - 1);
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
