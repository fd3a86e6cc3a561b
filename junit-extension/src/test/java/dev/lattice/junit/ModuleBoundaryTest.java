package dev.lattice.junit;

import dev.lattice.service.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules built on the engine client use only its public API and its SPI ({@code dev.lattice.engine.spi}), never
 * {@code dev.lattice.engine.internal}: a change inside the engine client then cannot break them. Reads the compiled
 * main classes of service-containers and junit-extension (a class file names every class it uses in its constant
 * pool, so a search of its bytes finds every reference). No library needed for that: ArchUnit would add a dependency
 * for one rule.
 */
class ModuleBoundaryTest {

    private static final String INTERNAL = "dev/lattice/engine/internal/";

    /** References not switched yet, as "class -> internal class"; each entry is a TODO. None left. */
    private static final Set<String> KNOWN_EXCEPTIONS = Set.of();

    @Test
    void serviceContainersAndJunitExtensionUseNoEngineInternals() throws IOException, URISyntaxException {
        List<Path> roots = List.of(classesOf(ServiceSpec.class), classesOf(Lattice.class));
        Set<String> references = new TreeSet<>();
        for (Path location : roots) {
            // target/classes in a reactor build, a jar when the module comes from a repository.
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
                Path root = jar == null ? location : jar.getPath("/");
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                        references.addAll(internalReferences(root, file));
                    }
                }
            }
        }
        references.removeAll(KNOWN_EXCEPTIONS);

        assertThat(references).as("references to dev.lattice.engine.internal; use dev.lattice.engine.spi or the"
                + " public API instead").isEmpty();
    }

    /** A character of a class's binary name in a class file (our classes use ASCII names). */
    private static boolean isNamePart(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '/');
    }

    private static Path classesOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> internalReferences(Path root, Path classFile) throws IOException {
        String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        String className = root.relativize(classFile).toString().replace('\\', '/').replaceAll("\\.class$", "");
        List<String> found = new ArrayList<>();
        for (int at = text.indexOf(INTERNAL); at >= 0; at = text.indexOf(INTERNAL, at + 1)) {
            int end = at + INTERNAL.length();
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            found.add(className + " -> " + text.substring(at, end));
        }
        return found;
    }
}
