/**
 * What Lattice's own modules (service-containers, junit-extension) need of the engine client besides its public API:
 * the Docker connection Testcontainers finds, the cleanup of a run's things, Lattice's background threads, the
 * automatic cache prune, and starting something once per key. Tests and applications use {@link dev.lattice.engine}
 * instead: this package may change with any release.
 *
 * <p>The engine's own Docker client, endpoint and run labels are on {@link dev.lattice.engine.Engine}
 * ({@code dockerClient()}, {@code dockerEndpoint()}, {@code runLabels()}). Nothing outside engine-client uses
 * {@code dev.lattice.engine.internal}; a test in junit-extension checks that for the modules built on this one.
 */
package dev.lattice.engine.spi;
