package dev.lattice.service;

/** A Redis server of the test run, with its own logical database for the user that asked for it. */
public interface Redis {

    /** The host from the test JVM. */
    String host();

    /** The port from the test JVM. */
    int port();

    /** The password; empty when the server needs none. */
    String password();

    /** The logical database (0 to 15) to select. */
    int logicalDatabase();

    /** A {@code redis://} URI from containers on the run's network, with password and logical database. */
    String uriInNetwork();

    /** The server's container. */
    Service service();
}
