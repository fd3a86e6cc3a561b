package dev.lattice.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** A failing step says what, where and how; it leaves no cache entry and no container; running siblings finish. */
@ExtendWith(ClassEngine.class)
class StepFailureTest {

    @Test
    void failingStepCarriesItsExitCodeAndOutputAndLeavesNothingBehind(Engine engine) {
        String nonce = TestEngines.nonce();
        Container sibling = Container.from(BASE).withEnv("NONCE", nonce).withExec("sh", "-c", "sleep 2; echo sibling > /s");
        Container failing = Container.from(BASE).withEnv("NONCE", nonce)
                .withExec("sh", "-c", "for i in $(seq 1 60); do echo line $i; done; sleep 0.3; echo broken >&2; exit 3");
        Container joined = Container.from(BASE).withFile("/s", sibling.file("/s")).withFile("/f", failing.file("/etc/hostname"));

        StepFailedException failure = catchThrowableOfType(StepFailedException.class, () -> engine.solve("failing", joined));

        assertThat(failure.exitCode()).isEqualTo(3);
        assertThat(failure.oomKilled()).isFalse();
        assertThat(failure.command()).containsExactly("sh", "-c",
                "for i in $(seq 1 60); do echo line $i; done; sleep 0.3; echo broken >&2; exit 3");
        assertThat(failure.stepIndex()).isEqualTo(1);
        assertThat(failure.stepDescription()).startsWith("RUN sh -c for i in");
        // stdout and stderr are separate pipes, so their relative order is not guaranteed.
        assertThat(failure.lastOutputLines()).hasSize(50).contains("line 60", "broken").doesNotContain("line 1");
        assertThat(failure.getMessage()).contains("failed with exit code 3").contains("| broken");

        String failedKey = engine.lastReport("failing-source2").steps().get(0).cacheKey();
        assertThat(TestEngines.docker().listImagesCmd().withImageNameFilter("lattice-cache/step:" + failedKey).exec()).isEmpty();
        String siblingKey = engine.lastReport("failing-source1").steps().get(0).cacheKey();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TestEngines.docker().listImagesCmd()
                .withImageNameFilter("lattice-cache/step:" + siblingKey).exec()).hasSize(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestEngines.docker().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(RunLabels.RUN, engine.runLabels().runId(), RunLabels.KIND, "step"))
                .exec()).isEmpty());
    }

    @Test
    void acceptedExitCodesMakeANonZeroExitSucceed(Engine engine) {
        Container container = Container.from(BASE).withExec(List.of("sh", "-c", "echo " + TestEngines.nonce() + "; exit 4"),
                ExecOptions.defaults().withAcceptedExitCodes(0, 4));

        assertThat(engine.solve("accepted", container).id()).startsWith("sha256:");
    }
}
