package dev.lattice.service.internal;

import dev.lattice.service.Redis;
import dev.lattice.service.Service;

/**
 * One user's view of a shared Redis server: its own logical database.
 *
 * @param service the server's container
 * @param password the password; empty for none
 * @param logicalDatabase the logical database to select
 */
record RedisHandle(Service service, String password, int logicalDatabase) implements Redis {

    static final int PORT = 6379;

    @Override
    public String host() {
        return service.host();
    }

    @Override
    public int port() {
        return service.mappedPort(PORT);
    }

    @Override
    public String uriInNetwork() {
        return "redis://" + (password.isEmpty() ? "" : ":" + password + "@") + service.networkAlias() + ":" + PORT
                + "/" + logicalDatabase;
    }
}
