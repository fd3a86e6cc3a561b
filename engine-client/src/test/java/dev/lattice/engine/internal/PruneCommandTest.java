package dev.lattice.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prune command in a JVM of its own, with none of the settings the tests' JVMs get (as in Maven's JVM under
 * exec:java, on a machine with /.dockerenv): it reaches the real engine at once.
 */
class PruneCommandTest {

    @TempDir
    Path cacheDir;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlattice.cache.dir=" + cacheDir,
                PruneCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TESTCONTAINERS_"));
        return builder.start();
    }

    private static String finish(Process process) throws InterruptedException, IOException {
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("the command ended within 60 s; its output:%n%s", output).isTrue();
        return output;
    }

    @Test
    void aDryRunReachesTheEngineWithoutTheTestcontainersSettings() throws Exception {
        Process process = start("--unused-for", "36500d", "--dry-run");

        String output = finish(process);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Would prune \\d+ cache images \\(\\d+ MB freed on disk\\) and \\d+ cache"
                + " volumes");
    }

    @Test
    void wrongArgumentsExitWithTheUsage() throws Exception {
        Process process = start("--size-budget", "-5g");

        String output = finish(process);

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("Prune arguments: --size-budget -5g is negative; give zero or more,"
                + " <n>g, <n>m or <n>k, such as 20g; expected --unused-for <n>d|h|m|s [--size-budget <n>g|m|k]"
                + " [--keep-last <n>] [--dry-run], e.g. --unused-for 7d --size-budget 20g");
    }
}
