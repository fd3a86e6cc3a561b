package dev.lattice.engine;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * Which cache entries and cache volumes {@link Engine#prune(PrunePolicy)} removes: those unused for
 * longer than a duration, then the least recently used ones beyond a size budget. Immutable.
 *
 * @param unusedFor      remove what has not been used for longer than this
 * @param sizeBudgetBytes if present, then remove least recently used cache images until their total size fits
 */
public record PrunePolicy(Duration unusedFor, OptionalLong sizeBudgetBytes) {

    /** Returns a policy removing what has not been used for longer than {@code unusedFor}. */
    public static PrunePolicy unusedFor(Duration unusedFor) {
        return new PrunePolicy(unusedFor, OptionalLong.empty());
    }

    /** Returns a new policy that also keeps the cache images' total size within {@code bytes}. */
    public PrunePolicy withSizeBudget(long bytes) {
        return new PrunePolicy(unusedFor, OptionalLong.of(bytes));
    }

    /**
     * Parses command-line arguments: {@code --unused-for 7d|12h|30m} and optionally
     * {@code --size-budget 10g|500m}.
     *
     * @throws IllegalArgumentException with the expected syntax when the arguments are wrong
     */
    public static PrunePolicy parse(String... args) {
        Duration unused = Duration.ofDays(7);
        OptionalLong budget = OptionalLong.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(usage("missing value after " + arg));
            }
            String value = args[++i].trim().toLowerCase();
            switch (arg) {
                case "--unused-for" -> unused = parseDuration(value);
                case "--size-budget" -> budget = OptionalLong.of(parseSize(value));
                default -> throw new IllegalArgumentException(usage("unknown option " + arg));
            }
        }
        return new PrunePolicy(unused, budget);
    }

    private static Duration parseDuration(String value) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 's' -> Duration.ofSeconds(amount);
            default -> throw new IllegalArgumentException(usage("bad duration " + value));
        };
    }

    private static long parseSize(String value) {
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 'g' -> amount << 30;
            case 'm' -> amount << 20;
            case 'k' -> amount << 10;
            default -> throw new IllegalArgumentException(usage("bad size " + value));
        };
    }

    private static String usage(String problem) {
        return "Prune arguments: " + problem + "; expected --unused-for <n>d|h|m|s [--size-budget <n>g|m|k]";
    }
}
