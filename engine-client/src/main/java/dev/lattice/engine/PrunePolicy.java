package dev.lattice.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which cache entries and cache volumes {@link Engine#prune(PrunePolicy)} removes: those unused for longer than a
 * duration, those that only older solves of their pipelines used (when a number of solves to keep is set), then
 * the least recently used cache images beyond a size budget. Solves are counted per project (the directory a run
 * works in) and pipeline; what the last solves of any project's pipeline used stays. Immutable.
 *
 * @param unusedFor       remove what has not been used for longer than this; zero or more
 * @param sizeBudgetBytes if present, then remove least recently used cache images until what they hold on disk fits;
 *                        zero or more
 * @param keepLastSolves  if present, then remove what only solves older than the last this many of each pipeline
 *                        (of each project) used; one or more
 */
public record PrunePolicy(Duration unusedFor, OptionalLong sizeBudgetBytes, OptionalInt keepLastSolves) {

    private static final Pattern AMOUNT = Pattern.compile("(-?\\d+)([a-z]*)");
    private static final String USAGE = "expected --unused-for <n>d|h|m|s [--size-budget <n>g|m|k]"
            + " [--keep-last <n>] [--dry-run], e.g. --unused-for 7d --size-budget 20g";

    /**
     * Checks the policy.
     *
     * @throws IllegalArgumentException when a value is negative, naming it and the fix
     */
    public PrunePolicy {
        if (unusedFor == null || unusedFor.isNegative()) {
            throw new IllegalArgumentException("Prune policy: unused-for is " + unusedFor
                    + "; give zero or a positive duration (a negative one would count everything as unused)");
        }
        if (sizeBudgetBytes.isPresent() && sizeBudgetBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("Prune policy: size budget is " + sizeBudgetBytes.getAsLong()
                    + " bytes; give zero or a positive size");
        }
        if (keepLastSolves.isPresent() && keepLastSolves.getAsInt() < 1) {
            throw new IllegalArgumentException("Prune policy: keep-last is " + keepLastSolves.getAsInt()
                    + "; give 1 or more solves of each pipeline to keep");
        }
    }

    /** Returns a policy removing what has not been used for longer than {@code unusedFor} (zero or more). */
    public static PrunePolicy unusedFor(Duration unusedFor) {
        return new PrunePolicy(unusedFor, OptionalLong.empty(), OptionalInt.empty());
    }

    /** Returns a new policy that also keeps what the cache images hold on disk within {@code bytes} (zero or more). */
    public PrunePolicy withSizeBudget(long bytes) {
        return new PrunePolicy(unusedFor, OptionalLong.of(bytes), keepLastSolves);
    }

    /**
     * Returns a new policy that also removes what only solves older than the last {@code solves} of each pipeline
     * (of each project) used.
     */
    public PrunePolicy withKeepLastSolves(int solves) {
        return new PrunePolicy(unusedFor, sizeBudgetBytes, OptionalInt.of(solves));
    }

    /**
     * Parses command-line arguments: {@code --unused-for 7d|12h|30m|90s} (default 7d), optionally
     * {@code --size-budget 10g|500m|800k} and {@code --keep-last 3}. {@code --dry-run} is the command's own and
     * is skipped here.
     *
     * @throws IllegalArgumentException with the expected syntax when the arguments are wrong
     */
    public static PrunePolicy parse(String... args) {
        PrunePolicy policy = unusedFor(Duration.ofDays(7));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dry-run")) {
                continue;
            }
            if (!arg.equals("--unused-for") && !arg.equals("--size-budget") && !arg.equals("--keep-last")) {
                throw new IllegalArgumentException(usage("unknown option " + arg));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(usage("missing value after " + arg));
            }
            String value = args[++i].trim().toLowerCase(Locale.ROOT);
            try {
                policy = switch (arg) {
                    case "--unused-for" -> new PrunePolicy(parseDuration(value), policy.sizeBudgetBytes,
                            policy.keepLastSolves);
                    case "--size-budget" -> policy.withSizeBudget(parseSize(value));
                    default -> policy.withKeepLastSolves((int) parseAmount(value, "", "a whole number, 1 or more"));
                };
            } catch (IllegalArgumentException wrong) {
                throw new IllegalArgumentException(usage(arg + " " + wrong.getMessage()), wrong);
            }
        }
        return policy;
    }

    /**
     * Parses a duration such as {@code 7d}, {@code 12h}, {@code 30m} or {@code 90s}.
     *
     * @throws IllegalArgumentException saying why the value is not one and the expected form
     */
    public static Duration parseDuration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        String form = "<n>d, <n>h, <n>m or <n>s, such as 7d";
        long amount = parseAmount(text, unitOf(text, "dhms", form), form);
        try {
            return switch (unitOf(text, "dhms", form)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException(text + " is too long; give " + form);
        }
    }

    /**
     * Parses a size such as {@code 10g}, {@code 500m} or {@code 800k}.
     *
     * @throws IllegalArgumentException saying why the value is not one and the expected form
     */
    public static long parseSize(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        String form = "<n>g, <n>m or <n>k, such as 20g";
        String unit = unitOf(text, "gmk", form);
        long amount = parseAmount(text, unit, form);
        int shift = switch (unit) {
            case "g" -> 30;
            case "m" -> 20;
            default -> 10;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException(text + " is too large; give " + form);
        }
        return amount << shift;
    }

    private static String unitOf(String text, String units, String form) {
        Matcher matcher = AMOUNT.matcher(text);
        if (!matcher.matches() || matcher.group(2).length() != 1 || units.indexOf(matcher.group(2).charAt(0)) < 0) {
            throw new IllegalArgumentException(text + " is not " + form);
        }
        return matcher.group(2);
    }

    private static long parseAmount(String text, String unit, String form) {
        Matcher matcher = AMOUNT.matcher(text);
        if (!matcher.matches() || !matcher.group(2).equals(unit)) {
            throw new IllegalArgumentException(text + " is not " + form);
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException(text + " is too large; give " + form);
        }
        if (amount < 0) {
            throw new IllegalArgumentException(text + " is negative; give zero or more, " + form);
        }
        if (unit.isEmpty() && (amount < 1 || amount > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(text + " is not " + form);
        }
        return amount;
    }

    private static String usage(String problem) {
        return "Prune arguments: " + problem + "; " + USAGE;
    }
}
