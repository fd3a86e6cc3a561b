package dev.lattice.service;

/** A running database server on which cells get databases of their own. Thread-safe. */
public interface DatabaseServer {

    /** The server's container. */
    Service service();

    /**
     * Creates a fresh, empty database that the server's application user owns: made from the server's template,
     * and nobody has connected to it before. It may have been made a moment ahead of the call, under another name.
     *
     * @param name the database's name: letters, digits and underscores
     * @return the database
     */
    Database newDatabase(String name);

    /**
     * Drops a database made by {@link #newDatabase(String)}, in the background: the call returns at once (PostgreSQL
     * closes connections still open to the database), and the database is gone before a {@link #newDatabase} of the
     * same name returns; one still waiting at the end of the run goes with the server's container. Nothing happens if
     * it is gone already.
     *
     * @param database the database
     */
    void dropDatabase(Database database);
}
