package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.JupiterStores;
import dev.lattice.service.Database;
import dev.lattice.service.DatabaseServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;

/**
 * A database of its own for each test invocation that asks for a {@link Database} parameter, on the run's shared
 * server, dropped when the invocation ends.
 */
final class CellDatabases {

    private static final Namespace NAMESPACE = Namespace.create(CellDatabases.class);

    private final CatalogHandles catalog;

    CellDatabases(CatalogHandles catalog) {
        this.catalog = catalog;
    }

    /**
     * A fresh database for the invocation, which its context's store drops when the invocation ends.
     *
     * @param name the service the parameter names: a catalog name, a catalog field or an embedded database
     * @param parameter the parameter, which names the database together with the invocation
     * @param scope the invocation's scope
     * @return the database
     */
    Database fresh(String name, ParameterContext parameter, ServiceScope scope) {
        ServiceDeclaration declaration = scope.find(name).orElse(null);
        String catalogName = declaration != null && !declaration.isFactory() ? declaration.catalogName() : name;
        String databaseName = databaseName(scope, parameter);
        if (EmbeddedDatabases.NAMES.contains(catalogName)) {
            return EmbeddedDatabases.sqlite(databaseName);
        }
        DatabaseServer server = catalog.server(catalogName);
        Database database = server.newDatabase(databaseName);
        JupiterStores.closeWhenDone(scope.context().getStore(NAMESPACE), () -> server.dropDatabase(database));
        return database;
    }

    /**
     * The same name for the same test invocation and parameter in every run, so that what a cell hands its database
     * name to (a cached pipeline step, say) sees the same input each time.
     */
    private static String databaseName(ServiceScope scope, ParameterContext parameter) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((scope.context().getUniqueId() + "|"
                    + parameter.getIndex()).getBytes(StandardCharsets.UTF_8));
            return "cell_" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
