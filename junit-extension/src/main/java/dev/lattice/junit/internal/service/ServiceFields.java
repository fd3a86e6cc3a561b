package dev.lattice.junit.internal.service;

import dev.lattice.junit.internal.StaticMembers;
import java.lang.reflect.Field;

/**
 * Gives the static {@code @ServiceContainer} fields of a test class their services: a catalog field gets its shared
 * handle, kept until the end of the run; a Testcontainers field's own container is started.
 */
final class ServiceFields {

    private final SharedServices shared;

    ServiceFields(SharedServices shared) {
        this.shared = shared;
    }

    /** Starts and injects what the class's fields declare. */
    void inject(ServiceScope scope) {
        for (ServiceDeclaration declaration : scope.declarations().all()) {
            if (declaration.source() instanceof Field field) {
                if (declaration.isTestcontainers()) {
                    shared.shared(declaration.name(), field.getType(), scope);
                } else {
                    StaticMembers.write(field, shared.kept(declaration.name(), field.getType(), scope),
                            "@ServiceContainer \"" + declaration.name() + "\" on " + declaration.where());
                }
            }
        }
    }
}
