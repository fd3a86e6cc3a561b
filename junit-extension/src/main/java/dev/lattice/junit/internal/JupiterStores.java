package dev.lattice.junit.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * Lattice's one use of JUnit's {@link Store}, written against the API of every Jupiter version users run (5.12 to
 * 6.x): the widest store each version offers for what the whole run shares, the compute-if-absent method all of
 * them have, and stored resources that JUnit closes exactly once on every version (before 5.13 it closes only a
 * {@code CloseableResource}; from 5.13 it prefers {@link AutoCloseable}).
 */
public final class JupiterStores {

    // StoreScope arrived in 5.13. Reached reflectively, so that the jar compiles and links against 5.12 too.
    private static final MethodHandle LAUNCHER_SESSION_STORE = launcherSessionStore();

    private JupiterStores() {
    }

    /**
     * The widest store of the run: the launcher session's where JUnit has one (5.13 and later), so that every
     * test class and every request of the session shares it; otherwise the root context's store.
     *
     * @param context any extension context of the run
     * @param namespace the namespace within the store
     * @return the store; its closing values are closed when the session (or the engine's run) ends
     */
    public static Store runWide(ExtensionContext context, Namespace namespace) {
        if (LAUNCHER_SESSION_STORE == null) {
            return context.getRoot().getStore(namespace);
        }
        try {
            return (Store) LAUNCHER_SESSION_STORE.invoke(context, namespace);
        } catch (RuntimeException | Error failed) {
            throw failed;
        } catch (Throwable impossible) {
            throw new IllegalStateException("ExtensionContext.getStore(StoreScope, Namespace) threw", impossible);
        }
    }

    /**
     * The value stored under a key, computed and stored first if there is none. Atomic per store.
     *
     * @param store the store
     * @param key the key
     * @param create computes the value; called at most once per store and key
     * @param type the value's type
     * @param <V> the value's type
     * @return the stored value
     */
    @SuppressWarnings({"deprecation", "removal"})
    public static <V> V computeIfAbsent(Store store, Object key, Supplier<V> create, Class<V> type) {
        // The one compute-if-absent every supported version has (computeIfAbsent arrived in 6.0).
        return store.getOrComputeIfAbsent(key, absent -> create.get(), type);
    }

    /**
     * Like {@link #computeIfAbsent}, for a value that the store closes, once, when its context ends.
     *
     * @param store the store
     * @param key the key
     * @param create computes the value; called at most once per store and key
     * @param type the value's type
     * @param <V> the value's type
     * @return the stored value
     */
    public static <V extends AutoCloseable> V computeClosingIfAbsent(Store store, Object key, Supplier<V> create,
                                                                     Class<V> type) {
        Closing closing = computeIfAbsent(store, key, () -> new Closing(create.get()), Closing.class);
        return type.cast(closing.resource);
    }

    /**
     * Has the store close a resource, once, when its context ends.
     *
     * @param store the store, such as an invocation's, to close the resource when the invocation ends
     * @param resource what to close
     */
    public static void closeWhenDone(Store store, AutoCloseable resource) {
        Closing closing = new Closing(resource);
        store.put(closing, closing);
    }

    /** {@code context.getStore(StoreScope.LAUNCHER_SESSION, namespace)}, or {@code null} before JUnit 5.13. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MethodHandle launcherSessionStore() {
        Class<? extends Enum> scopes;
        try {
            scopes = (Class<? extends Enum>) Class.forName(
                    "org.junit.jupiter.api.extension.ExtensionContext$StoreScope", false,
                    ExtensionContext.class.getClassLoader());
        } catch (ClassNotFoundException before513) {
            return null;
        }
        try {
            MethodHandle getStore = MethodHandles.publicLookup().findVirtual(ExtensionContext.class, "getStore",
                    MethodType.methodType(Store.class, scopes, Namespace.class));
            MethodHandle bound = MethodHandles.insertArguments(getStore, 1, Enum.valueOf(scopes, "LAUNCHER_SESSION"));
            return bound.asType(MethodType.methodType(Store.class, ExtensionContext.class, Namespace.class));
        } catch (NoSuchMethodException | IllegalAccessException | IllegalArgumentException unexpected) {
            throw new IllegalStateException("JUnit has ExtensionContext.StoreScope but no launcher-session store",
                    unexpected);
        }
    }

    /**
     * A resource as every version closes it: JUnit 5.13+ closes an {@link AutoCloseable} (or, when closing those is
     * turned off, a {@code CloseableResource}); 5.12 closes only a {@code CloseableResource}. It closes its
     * resource at most once whichever way it is called.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private static final class Closing implements AutoCloseable, Store.CloseableResource {

        private final AutoCloseable resource;
        private final AtomicBoolean closed = new AtomicBoolean();

        Closing(AutoCloseable resource) {
            this.resource = resource;
        }

        @Override
        public void close() throws Exception {
            if (closed.compareAndSet(false, true)) {
                resource.close();
            }
        }
    }
}
