package dev.lattice.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two processes that each hold one step's lock while another of their threads waits for the other's: the kernel,
 * which sees processes and not threads, calls that a deadlock. Both must still wait, and neither build the step
 * without the lock.
 */
class StepLocksTest {

    private static final String STEP_X = "aa" + "0".repeat(62);
    private static final String STEP_Y = "bb" + "0".repeat(62);

    @Test
    void processesWaitingForEachOthersStepsBothWaitInsteadOfBuildingWithoutTheLock() throws Exception {
        String engine = "step-locks-test-" + UUID.randomUUID();
        StepLocks locks = new StepLocks(engine);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(), engine)
                .redirectErrorStream(true).start();
        try (BufferedReader fromOther = new BufferedReader(
                new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer toOther = new OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            StepLocks.Held x = locks.acquire(STEP_X);
            assertThat(fromOther.readLine()).isEqualTo("holding y");

            // This process waits for y (the other holds it) while it holds x...
            CountDownLatch waitingHere = new CountDownLatch(1);
            CompletableFuture<Boolean> yHere = CompletableFuture.supplyAsync(() -> {
                try (StepLocks.Held y = locks.acquire(STEP_Y, waitingHere::countDown)) {
                    return y.excludesOthers();
                }
            });
            assertThat(waitingHere.await(30, TimeUnit.SECONDS)).as("this process waits for y").isTrue();
            // ...and the other waits for x while it holds y: the kernel would call a blocking wait a deadlock.
            toOther.write("take x\n");
            toOther.flush();
            assertThat(fromOther.readLine()).as("the other process").isEqualTo("waiting for x");
            x.close();

            assertThat(fromOther.readLine()).as("the other process's lock on x").isEqualTo("x held: true");
            assertThat(yHere.get(30, TimeUnit.SECONDS)).as("this process's lock on y").isTrue();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    /** The other process: holds y, then asks for x when told, and says whether it got a real lock. */
    static final class OtherProcess {
        public static void main(String[] args) throws Exception {
            StepLocks locks = new StepLocks(args[0]);
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (StepLocks.Held y = locks.acquire(STEP_Y)) {
                System.out.println("holding y");
                System.out.flush();
                input.readLine();
                try (StepLocks.Held x = locks.acquire(STEP_X, () -> {
                    System.out.println("waiting for x");
                    System.out.flush();
                })) {
                    System.out.println("x held: " + x.excludesOthers());
                    System.out.flush();
                }
            }
        }
    }
}
