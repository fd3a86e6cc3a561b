package dev.lattice.engine.internal;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The project a run builds for: the JVM's working directory, which host paths are read from. Pipeline names are
 * only unique within a project, so what Lattice keeps per pipeline across runs (the explain state, the tag of a
 * pipeline's image, the solves a prune's keep-last counts) is kept per project and pipeline name.
 *
 * @param name a readable name, usable as a component of an image reference: the directory's name
 * @param id   the name and a digest of the directory's absolute path: unique per checkout
 */
record Project(String name, String id) {

    /** The project of this JVM's working directory. */
    static Project current() {
        Path dir = Path.of("").toAbsolutePath().normalize();
        Path fileName = dir.getFileName();
        String name = referenceComponent(fileName == null ? "" : fileName.toString());
        return new Project(name, name + "-" + ContentDigest.of(dir.toString()).substring(0, 8));
    }

    /** A component of an image reference: lower case letters and digits, separated by single . _ or -. */
    static String referenceComponent(String text) {
        String component = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("[._-]{2,}", "-").replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return component.isEmpty() ? "project" : component;
    }
}
