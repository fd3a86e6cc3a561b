package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A base image that is neither local nor pullable fails fast, naming the image and the fix. */
class ImageNotFoundTest {

    @TempDir
    Path stateDir;

    @Test
    void missingBaseImageFailsFastWithTheFix() {
        try (Engine engine = TestEngines.builder(stateDir).build()) {
            // The engine's own pull fails with ImageNotFoundException after one attempt (no retries for minutes).
            ImageNotFoundException failure = catchThrowableOfType(ImageNotFoundException.class,
                    () -> engine.solve("missing", Container.from("lattice-test/not-here:1").withExec("true")));

            assertThat(failure.image()).isEqualTo("lattice-test/not-here:1");
            assertThat(failure.getMessage()).contains("lattice-test/not-here:1").contains("Build or load it locally");
        }
    }
}
