package dev.lattice.engine.spi;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Lattice's pools run at most their bound of threads at once, however many tasks wait. */
class DaemonThreadsTest {

    @Test
    void aPoolRunsAtMostItsBoundOfThreadsAndQueuesTheRest() throws InterruptedException {
        ExecutorService pool = DaemonThreads.pool("lattice-test-pool", 3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch running = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(10);
        try {
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    threads.add(Thread.currentThread().getName());
                    running.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                });
            }
            // Three tasks run and hold their threads; every other task was queued when it was handed over.
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(((ThreadPoolExecutor) pool).getQueue()).hasSize(7);
            assertThat(threads).hasSize(3);
            release.countDown();
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(threads).hasSize(3).allSatisfy(name -> assertThat(name).startsWith("lattice-test-pool-"));
        } finally {
            pool.shutdownNow();
        }
    }
}
