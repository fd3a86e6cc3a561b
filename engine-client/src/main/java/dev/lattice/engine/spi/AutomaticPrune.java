package dev.lattice.engine.spi;

import dev.lattice.engine.Engine;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.PruneResult;
import dev.lattice.engine.internal.SettingLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The cache policy applied at the end of every test run, so the cache does not grow without bound: what only
 * solves older than the last few of each pipeline of each project used goes, what nothing used for a month goes,
 * and the least recently used entries go beyond a size budget; never what the run itself used. Settings, each a JUnit
 * configuration parameter, a system property or an environment variable (checked in that order):
 *
 * <ul>
 *   <li>{@code lattice.cache.prune} ({@code LATTICE_CACHE_PRUNE}): {@code auto} (default) or {@code off};</li>
 *   <li>{@code lattice.cache.prune.keep-last} ({@code LATTICE_CACHE_PRUNE_KEEP_LAST}): solves of each pipeline
 *       of each project whose entries stay, default 3;</li>
 *   <li>{@code lattice.cache.prune.size-budget} ({@code LATTICE_CACHE_PRUNE_SIZE_BUDGET}): default 10g;</li>
 *   <li>{@code lattice.cache.prune.unused-for} ({@code LATTICE_CACHE_PRUNE_UNUSED_FOR}): default 30d.</li>
 * </ul>
 */
public final class AutomaticPrune {

    private static final Logger LOG = LoggerFactory.getLogger(AutomaticPrune.class);

    static final String SWITCH = "lattice.cache.prune";
    static final String KEEP_LAST = "lattice.cache.prune.keep-last";
    static final String SIZE_BUDGET = "lattice.cache.prune.size-budget";
    static final String UNUSED_FOR = "lattice.cache.prune.unused-for";
    /** How long the JVM's exit waits for a prune still under way; what it removed by then stays removed. */
    private static final long EXIT_WAIT_SECONDS = 5;

    private AutomaticPrune() {
    }

    /**
     * Reads the policy from the settings.
     *
     * @param parameters the JUnit configuration parameters (or none), looked up first
     * @return the policy; empty when turned off
     * @throws IllegalArgumentException naming every setting that is wrong and the expected form
     */
    public static Optional<PrunePolicy> policy(Function<String, Optional<String>> parameters) {
        List<String> problems = new ArrayList<>();
        String mode = setting(parameters, SWITCH).orElse("auto").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("off")) {
            problems.add(SWITCH + ": " + mode + " is not auto or off");
        }
        Duration unusedFor = parse(parameters, UNUSED_FOR, "30d", PrunePolicy::parseDuration, problems);
        Long budget = parse(parameters, SIZE_BUDGET, "10g", PrunePolicy::parseSize, problems);
        Long keepLast = parse(parameters, KEEP_LAST, "3", AutomaticPrune::positive, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cache prune settings: " + String.join("; ", problems));
        }
        if (mode.equals("off")) {
            return Optional.empty();
        }
        return Optional.of(PrunePolicy.unusedFor(unusedFor).withSizeBudget(budget)
                .withKeepLastSolves(keepLast.intValue()));
    }

    /**
     * Prunes in the background after a run. The JVM's exit waits a few seconds at most for it: each removal is
     * whole, so a prune cut short leaves the rest to the next run.
     *
     * @param engine the run's engine, closed or not
     * @param policy the policy
     * @return what was removed, once done
     */
    public static CompletableFuture<PruneResult> start(Engine engine, PrunePolicy policy) {
        CompletableFuture<PruneResult> prune = engine.pruneInBackground(policy);
        Thread waitAtExit = new Thread(() -> {
            try {
                prune.get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception cutShort) {
                // The next run goes on from here.
                LOG.debug("The automatic prune was cut short by the JVM's exit", cutShort);
            }
        }, "lattice-prune-exit");
        try {
            Runtime.getRuntime().addShutdownHook(waitAtExit);
            prune.whenComplete((result, failure) -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(waitAtExit);
                } catch (IllegalStateException exiting) {
                    // The hook runs now, and ends at once.
                }
            });
        } catch (IllegalStateException exiting) {
            // Already exiting: the prune gets what time the exit leaves it.
        }
        return prune;
    }

    private static <T> T parse(Function<String, Optional<String>> parameters, String name, String fallback,
                               Function<String, T> parser, List<String> problems) {
        String value = setting(parameters, name).orElse(fallback);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException wrong) {
            problems.add(name + ": " + wrong.getMessage());
            return null;
        }
    }

    private static long positive(String value) {
        try {
            long solves = Long.parseLong(value.trim());
            if (solves >= 1 && solves <= Integer.MAX_VALUE) {
                return solves;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below.
        }
        throw new IllegalArgumentException(value + " is not a whole number of solves, 1 or more, such as 3");
    }

    private static Optional<String> setting(Function<String, Optional<String>> parameters, String name) {
        return SettingLookup.of(parameters, name);
    }
}
