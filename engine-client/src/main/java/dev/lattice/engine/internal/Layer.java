package dev.lattice.engine.internal;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One cached unit of a pipeline: a filesystem step (exec or copy) with the configuration declared
 * before it, or the final configuration. Its key is the SHA-256 of its canonical inputs. Immutable.
 *
 * @param index        1-based position in the pipeline
 * @param count        number of layers in the pipeline
 * @param kind         exec, copy or configuration
 * @param description  e.g. {@code RUN make}
 * @param operation    the exec or copy definition; null for a configuration layer
 * @param destination  the absolute destination of a copy; empty otherwise
 * @param config       the image configuration this layer's image has
 * @param exec         what execs see besides the image
 * @param inputs       named digests the key is made of (for explain): parent, step, files...
 * @param key          SHA-256 of the inputs
 * @param dependencies plans of other containers this layer copies from
 */
public record Layer(int index, int count, Kind kind, String description, StepDefinition operation, String destination,
                    ImageConfig config, ExecContext exec, SortedMap<String, String> inputs, String key,
                    List<PipelinePlan> dependencies) {

    /** What a layer does. */
    public enum Kind { EXEC, COPY, CONFIG }

    public Layer {
        inputs = new TreeMap<>(inputs);
        dependencies = List.copyOf(dependencies);
    }

    /** Returns the key of the parent layer (or base image) this layer builds on. */
    public String parentKey() {
        return inputs.get("parent");
    }

    /** Returns whether this layer always runs and is never reused. */
    public boolean isVolatile() {
        return operation instanceof StepDefinition.Exec exec && exec.cachePolicy() == dev.lattice.engine.CachePolicy.VOLATILE;
    }
}
