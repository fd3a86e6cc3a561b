package dev.lattice.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The prune command's arguments: what they mean, and one clear message for each wrong one. */
class PrunePolicyTest {

    private static final String EXPECTED = "; expected --unused-for <n>d|h|m|s [--size-budget <n>g|m|k]"
            + " [--keep-last <n>] [--dry-run], e.g. --unused-for 7d --size-budget 20g";

    @Test
    void valuesParseWithTheirUnits() {
        PrunePolicy policy = PrunePolicy.parse("--unused-for", "90s", "--size-budget", "500m", "--keep-last", "3",
                "--dry-run");

        assertThat(policy.unusedFor()).isEqualTo(Duration.ofSeconds(90));
        assertThat(policy.sizeBudgetBytes()).hasValue(500L << 20);
        assertThat(policy.keepLastSolves()).hasValue(3);
        assertThat(PrunePolicy.parse("--unused-for", "0d", "--size-budget", "0k").sizeBudgetBytes()).hasValue(0);
    }

    @Test
    void negativeValuesAreRejectedRatherThanCountingEverythingAsUnused() {
        assertThatThrownBy(() -> PrunePolicy.parse("--unused-for", "-1d"))
                .hasMessage("Prune arguments: --unused-for -1d is negative; give zero or more, <n>d, <n>h, <n>m or"
                        + " <n>s, such as 7d" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--size-budget", "-5g"))
                .hasMessage("Prune arguments: --size-budget -5g is negative; give zero or more, <n>g, <n>m or <n>k,"
                        + " such as 20g" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.unusedFor(Duration.ofDays(-1)))
                .hasMessageContaining("unused-for is PT-24H; give zero or a positive duration");
        assertThatThrownBy(() -> PrunePolicy.unusedFor(Duration.ZERO).withSizeBudget(-1))
                .hasMessageContaining("size budget is -1 bytes; give zero or a positive size");
    }

    @Test
    void aValueWithoutItsFormSaysTheForm() {
        assertThatThrownBy(() -> PrunePolicy.parse("--unused-for", "abc"))
                .hasMessage("Prune arguments: --unused-for abc is not <n>d, <n>h, <n>m or <n>s, such as 7d" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--unused-for", "7"))
                .hasMessage("Prune arguments: --unused-for 7 is not <n>d, <n>h, <n>m or <n>s, such as 7d" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--size-budget", "10gb"))
                .hasMessage("Prune arguments: --size-budget 10gb is not <n>g, <n>m or <n>k, such as 20g" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--keep-last", "0"))
                .hasMessage("Prune arguments: --keep-last 0 is not a whole number, 1 or more" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--size-budget", "99999999999g"))
                .hasMessage("Prune arguments: --size-budget 99999999999g is too large; give <n>g, <n>m or <n>k,"
                        + " such as 20g" + EXPECTED);
        assertThatThrownBy(() -> PrunePolicy.parse("--unused-for"))
                .hasMessage("Prune arguments: missing value after --unused-for" + EXPECTED);
    }
}
