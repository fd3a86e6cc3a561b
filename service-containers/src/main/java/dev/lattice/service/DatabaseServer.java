package dev.lattice.service;

/** A running database server on which cells get databases of their own. Thread-safe. */
public interface DatabaseServer {

    /** The server's container. */
    Service service();

    /**
     * Creates a fresh, empty database that the server's application user owns.
     *
     * @param name the database's name: letters, digits and underscores
     * @return the database
     */
    Database newDatabase(String name);

    /**
     * Drops a database made by {@link #newDatabase(String)}; nothing happens if it is gone already.
     *
     * @param database the database
     */
    void dropDatabase(Database database);
}
