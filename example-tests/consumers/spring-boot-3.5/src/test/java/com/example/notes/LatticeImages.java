package com.example.notes;

import dev.lattice.engine.Engine;
import dev.lattice.service.ServiceCatalog;
import dev.lattice.service.ServiceRuntime;

/** Images from Lattice's catalog for plain Testcontainers code: found locally, else built from their recipe. */
final class LatticeImages {

    private LatticeImages() {
    }

    /** {@code lattice/postgres:15}, made sure to exist locally. */
    static String postgres() {
        try (Engine engine = Engine.connect(); ServiceRuntime services = ServiceRuntime.create(engine)) {
            return services.prepareImage(ServiceCatalog.postgres());
        }
    }
}
