package dev.lattice.engine.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The stdout of exec steps, recorded by cache key in the state directory, so cached steps can answer reads. */
final class StepOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(StepOutputs.class);

    private final Path dir;

    StepOutputs(Path cacheDir) {
        this.dir = cacheDir.resolve("outputs");
    }

    void record(String key, byte[] stdout) {
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, key, ".partial");
            Files.write(partial, stdout);
            Files.move(partial, dir.resolve(key + ".out"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Only reads of a cached exec's output need it, and those re-run the step when it is missing.
            LOG.debug("Cannot record the output of step {} under {}", key, dir, e);
        }
    }

    Optional<byte[]> read(String key) {
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(key + ".out")));
        } catch (IOException missing) {
            return Optional.empty();
        }
    }
}
