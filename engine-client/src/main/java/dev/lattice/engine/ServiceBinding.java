package dev.lattice.engine;

/**
 * The engine's view of a running service that exec steps can reach by alias. Exec containers join
 * {@link #networkName()} and resolve the alias to {@link #ipAddress()}.
 */
public interface ServiceBinding {

    /** Returns a stable digest of the service's definition; it goes into the bound steps' cache keys. */
    String definitionDigest();

    /** Returns the Docker network the service is attached to. */
    String networkName();

    /** Returns the service's address on that network. */
    String ipAddress();
}
