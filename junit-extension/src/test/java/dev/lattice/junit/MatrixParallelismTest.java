package dev.lattice.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MatrixParallelismTest {

    private static final String[] CONCURRENT = {
            "junit.jupiter.execution.parallel.enabled=true",
            "junit.jupiter.execution.parallel.mode.default=concurrent",
            "junit.jupiter.execution.parallel.config.strategy=fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism=4"};

    @Test
    void runsCellsConcurrentlyWithoutACap() {
        Rendezvous.reset(4, Duration.ZERO);

        EngineRun run = EngineRun.of(Rendezvous.class, CONCURRENT);

        // Each cell waits until all four are inside, so passing proves they overlapped.
        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(4);
        assertThat(Rendezvous.mostAtOnce).hasValue(4);
    }

    @Test
    void runsNoMoreCellsOfTheRunAtOnceThanTheCap() {
        Rendezvous.reset(2, Duration.ofMillis(300));

        EngineRun run = EngineRun.of(Rendezvous.class, with(CONCURRENT, "lattice.matrix.parallelism=2"));

        // Two cells wait for each other, so the cap is reached; then they linger, so that a third
        // cell would be seen if the cap let it in. The cells come from two methods.
        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(4);
        assertThat(Rendezvous.mostAtOnce).hasValue(2);
    }

    @Test
    void runsOneCellAtATimeUnderACapOfOne() {
        Rendezvous.reset(1, Duration.ofMillis(300));

        EngineRun run = EngineRun.of(Rendezvous.class, with(CONCURRENT, "lattice.matrix.parallelism=1"));

        assertThat(run.failedCells()).isEmpty();
        assertThat(run.passedCells()).hasSize(4);
        assertThat(Rendezvous.mostAtOnce).hasValue(1);
    }

    private static String[] with(String[] settings, String setting) {
        String[] all = Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = setting;
        return all;
    }

    static class Rendezvous {
        static final AtomicInteger running = new AtomicInteger();
        static final AtomicInteger mostAtOnce = new AtomicInteger();
        static volatile CountDownLatch mustMeet;
        static volatile CountDownLatch everyCell;
        static volatile Duration linger;

        /** Cells wait until {@code cells} of them are inside together, then up to {@code linger} for all. */
        static void reset(int cells, Duration linger) {
            running.set(0);
            mostAtOnce.set(0);
            mustMeet = new CountDownLatch(cells);
            everyCell = new CountDownLatch(4);
            Rendezvous.linger = linger;
        }

        @MatrixTest
        @Axis(name = "auth", values = {"on", "off"})
        void auth(Cell cell) throws InterruptedException {
            meetOthers();
        }

        // A second matrix method, so the cap is shown to count the cells of the whole run.
        @MatrixTest
        @Axis(name = "transport", values = {"http", "grpc"})
        void transport(Cell cell) throws InterruptedException {
            meetOthers();
        }

        private static void meetOthers() throws InterruptedException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                mustMeet.countDown();
                assertThat(mustMeet.await(30, TimeUnit.SECONDS)).as("the other cells arrived").isTrue();
                everyCell.countDown();
                everyCell.await(linger.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
