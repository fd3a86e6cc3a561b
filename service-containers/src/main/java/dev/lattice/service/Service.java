package dev.lattice.service;

import dev.lattice.engine.ServiceBinding;

/**
 * A running service container of the test run. From the test JVM it is reached at {@link #host()} and
 * {@link #mappedPort(int)}; from other containers on the run's network at {@link #networkAlias()} and the
 * container port. A pipeline step can bind it ({@code Container.withServiceBinding(alias, service)}).
 */
public interface Service extends ServiceBinding {

    /** The service's name, as in logs and errors. */
    String name();

    /** The host that reaches the service's published ports from the test JVM. */
    String host();

    /**
     * The host port a container port is published on.
     *
     * @param containerPort an exposed port of the service
     * @return the port to use from the test JVM
     * @throws IllegalArgumentException if the service does not expose that port, naming the ports it exposes
     */
    int mappedPort(int containerPort);

    /** The name other containers on the run's network reach it by. */
    String networkAlias();

    /** The container's id. */
    String containerId();

    /** The container's output (stdout and stderr) so far, as text; empty if it printed nothing. */
    String logs();
}
