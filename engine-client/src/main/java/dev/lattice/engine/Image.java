package dev.lattice.engine;

/**
 * A solved container: an image in the engine's store.
 *
 * @param id        the image id ({@code sha256:...})
 * @param reference a stable local tag, e.g. {@code lattice/base:3f9a1c2b7e01}
 */
public record Image(String id, String reference) {
}
