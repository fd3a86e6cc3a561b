package dev.lattice.engine.spi;

import dev.lattice.engine.PrunePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of the prune at the end of each run. */
class AutomaticPruneTest {

    private static Optional<PrunePolicy> policy(Map<String, String> parameters) {
        return AutomaticPrune.policy(name -> Optional.ofNullable(parameters.get(name)));
    }

    @Test
    void byDefaultItKeepsTheLastThreeSolvesOfEachPipelineWithinTenGigabytes() {
        assertThat(policy(Map.of())).hasValue(PrunePolicy.unusedFor(Duration.ofDays(30)).withSizeBudget(10L << 30)
                .withKeepLastSolves(3));
    }

    @Test
    void eachSettingChangesItsPartAndOffTurnsItOff() {
        assertThat(policy(Map.of("lattice.cache.prune.keep-last", "5", "lattice.cache.prune.size-budget", "500m",
                "lattice.cache.prune.unused-for", "12h")))
                .hasValue(PrunePolicy.unusedFor(Duration.ofHours(12)).withSizeBudget(500L << 20).withKeepLastSolves(5));
        assertThat(policy(Map.of("lattice.cache.prune", "off"))).isEmpty();
    }

    @Test
    void wrongSettingsAreReportedTogether() {
        assertThatThrownBy(() -> policy(Map.of("lattice.cache.prune", "sometimes",
                "lattice.cache.prune.keep-last", "0", "lattice.cache.prune.size-budget", "-1g")))
                .hasMessage("Cache prune settings: lattice.cache.prune: sometimes is not auto or off;"
                        + " lattice.cache.prune.size-budget: -1g is negative; give zero or more, <n>g, <n>m or <n>k,"
                        + " such as 20g; lattice.cache.prune.keep-last: 0 is not a whole number of solves, 1 or more,"
                        + " such as 3");
    }
}
