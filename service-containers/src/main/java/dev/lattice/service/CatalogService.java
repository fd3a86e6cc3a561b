package dev.lattice.service;

import dev.lattice.engine.Container;
import dev.lattice.engine.File;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A catalog entry: a known service with its default image, the recipe that builds that image from the local
 * Debian base image when no registry has it, its port, credentials and readiness. Immutable.
 *
 * <p>Its image and source can be chosen per service by system property or environment variable:
 * {@code lattice.service.postgres.image=postgres:16} ({@code LATTICE_SERVICE_POSTGRES_IMAGE}) and
 * {@code lattice.service.postgres.source=auto|local|pull|recipe} ({@code LATTICE_SERVICE_POSTGRES_SOURCE}).
 * {@code auto} (the default) builds the recipe when the image is the recipe's own (a no-op when its steps are
 * cached), and takes any other image locally, else pulls it once; {@code local} only takes a local image,
 * {@code pull} pulls it, {@code recipe} builds the recipe.
 */
public final class CatalogService {

    /** What kind of server an entry is, which decides the handles it gives. */
    public enum Kind { POSTGRES, MARIADB, REDIS }

    /** Where a catalog service's image comes from. */
    public enum Source { AUTO, LOCAL, PULL, RECIPE }

    private final String name;
    private final Kind kind;
    private final int port;
    private final String recipeImage;
    private final Container recipe;
    private final Function<String, ServiceSpec> spec;

    CatalogService(String name, Kind kind, int port, String recipeImage, Container recipe,
                   Function<String, ServiceSpec> spec) {
        this.name = name;
        this.kind = kind;
        this.port = port;
        this.recipeImage = recipeImage;
        this.recipe = recipe;
        this.spec = spec;
    }

    /** The catalog name, e.g. {@code postgres}; also the server's alias on the run's network. */
    public String name() {
        return name;
    }

    /** The kind of server. */
    public Kind kind() {
        return kind;
    }

    /** The port the server listens on inside its container. */
    public int port() {
        return port;
    }

    /** The image to run: the configured one, else the recipe's, e.g. {@code lattice/postgres:15}. */
    public String image() {
        return setting("image").orElse(recipeImage);
    }

    /** Where the image comes from, as configured; {@link Source#AUTO} unless set. */
    public Source source() {
        String value = setting("source").orElse("auto");
        try {
            return Source.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("lattice.service." + name + ".source=" + value
                    + " is not a source; use auto, local, pull or recipe");
        }
    }

    /** The image the recipe builds. */
    public String recipeImage() {
        return recipeImage;
    }

    /** The engine pipeline that builds {@link #recipeImage()} from the local Debian base image. */
    public Container recipe() {
        return recipe;
    }

    /** The service's definition on its configured image, with credentials and readiness checks. */
    public ServiceSpec spec() {
        return spec.apply(image());
    }

    private Optional<String> setting(String key) {
        String property = System.getProperty("lattice.service." + name + "." + key);
        if (property != null && !property.isBlank()) {
            return Optional.of(property.strip());
        }
        String variable = System.getenv("LATTICE_SERVICE_" + name.toUpperCase(Locale.ROOT) + "_"
                + key.toUpperCase(Locale.ROOT));
        return variable == null || variable.isBlank() ? Optional.empty() : Optional.of(variable.strip());
    }

    /** A recipe's entrypoint script, from this module's resources. */
    static File entrypoint(String resource) {
        try (InputStream in = CatalogService.class.getResourceAsStream("recipes/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing recipe resource " + resource);
            }
            return File.of("lattice-entrypoint", in.readAllBytes(), 0755);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    static final Map<String, String> CREDENTIALS = Map.of("user", "lattice", "password", "lattice",
            "database", "lattice");

    /**
     * The credentials the catalog's servers are started with.
     *
     * @return {@code user}, {@code password} and {@code database}
     */
    public static Map<String, String> credentials() {
        return CREDENTIALS;
    }

    @Override
    public String toString() {
        return "CatalogService[" + name + " on " + image() + "]";
    }
}
