package dev.lattice.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * On the JUnit this suite runs with (5.12 to 6.x), what the run shares is created once for every class, and what
 * is stored to be closed is closed exactly once, whether JUnit closes it as an AutoCloseable or, with that turned
 * off (or before 5.13), as a CloseableResource.
 */
class JupiterStoresTest {

    static final AtomicInteger RUN_WIDE_CREATED = new AtomicInteger();
    static final AtomicInteger RUN_WIDE_CLOSED = new AtomicInteger();
    static final AtomicInteger PER_TEST_CLOSED = new AtomicInteger();

    @BeforeEach
    void reset() {
        RUN_WIDE_CREATED.set(0);
        RUN_WIDE_CLOSED.set(0);
        PER_TEST_CLOSED.set(0);
    }

    @Test
    void sharesARunWideValueAcrossClassesAndClosesEveryValueOnceWhenTheRunEnds() {
        EngineExecutionResults results = run("true");

        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(RUN_WIDE_CREATED).as("run-wide values created").hasValue(1);
        assertThat(RUN_WIDE_CLOSED).as("run-wide values closed").hasValue(1);
        assertThat(PER_TEST_CLOSED).as("per-test values closed").hasValue(3);
    }

    @Test
    void closesEveryValueOnceWhereJUnitClosesOnlyCloseableResources() {
        EngineExecutionResults results = run("false");

        assertThat(results.testEvents().succeeded().count()).isEqualTo(3);
        assertThat(RUN_WIDE_CLOSED).as("run-wide values closed").hasValue(1);
        assertThat(PER_TEST_CLOSED).as("per-test values closed").hasValue(3);
    }

    private static EngineExecutionResults run(String closeAutoCloseables) {
        return EngineTestKit.engine("junit-jupiter")
                .enableImplicitConfigurationParameters(false)
                .configurationParameter("junit.jupiter.extensions.store.close.autocloseable.enabled",
                        closeAutoCloseables)
                .selectors(selectClass(FirstUser.class), selectClass(SecondUser.class))
                .execute();
    }

    /** Stores a run-wide value before each class and a value to close after each test. */
    static class StoringExtension implements BeforeAllCallback, BeforeEachCallback {

        private static final Namespace NAMESPACE = Namespace.create(StoringExtension.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            JupiterStores.computeClosingIfAbsent(JupiterStores.runWide(context, NAMESPACE), "shared", () -> {
                RUN_WIDE_CREATED.incrementAndGet();
                return (AutoCloseable) RUN_WIDE_CLOSED::incrementAndGet;
            }, AutoCloseable.class);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            JupiterStores.closeWhenDone(context.getStore(NAMESPACE), PER_TEST_CLOSED::incrementAndGet);
        }
    }

    @ExtendWith(StoringExtension.class)
    static class FirstUser {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    @ExtendWith(StoringExtension.class)
    static class SecondUser {
        @Test
        void three() {
        }
    }
}
