package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A base image that is neither local nor pullable fails fast, naming the image and the fix. */
class ImageNotFoundTest {

    @TempDir
    Path stateDir;

    @Test
    void missingBaseImageFailsFastWithTheFix() {
        try (Engine engine = TestEngines.builder(stateDir).build()) {
            long started = System.nanoTime();
            ImageNotFoundException failure = catchThrowableOfType(ImageNotFoundException.class,
                    () -> engine.solve("missing", Container.from("lattice-test/not-here:1").withExec("true")));

            // Testcontainers retries a failed pull for two minutes; a minute's bound, generous on a loaded machine,
            // still tells one attempt from those retries.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
            assertThat(failure.image()).isEqualTo("lattice-test/not-here:1");
            assertThat(failure.getMessage()).contains("lattice-test/not-here:1").contains("Build or load it locally");
        }
    }
}
