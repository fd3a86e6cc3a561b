package dev.lattice.engine.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long the engine waits for one exec, one pull and one push before it gives up, with the setting that raises
 * each limit (named in the error when a limit is reached).
 *
 * @param exec how long one exec step may run
 * @param pull how long pulling one base image may take
 * @param push how long pushing one image may take
 */
public record TimeLimits(Duration exec, Duration pull, Duration push) {

    /** System property of the exec limit. */
    public static final String EXEC_PROPERTY = "lattice.exec.timeout";
    /** System property of the pull limit. */
    public static final String PULL_PROPERTY = "lattice.pull.timeout";
    /** System property of the push limit. */
    public static final String PUSH_PROPERTY = "lattice.push.timeout";

    /** Default exec limit: an apt-get or a Maven build of a large project ends well within it. */
    public static final Duration DEFAULT_EXEC = Duration.ofMinutes(30);
    /** Default pull limit: a large base image over a slow link. */
    public static final Duration DEFAULT_PULL = Duration.ofMinutes(10);
    /** Default push limit. */
    public static final Duration DEFAULT_PUSH = Duration.ofMinutes(10);

    /** Checks that every limit is positive. */
    public TimeLimits {
        positive(exec, "exec");
        positive(pull, "pull");
        positive(push, "push");
    }

    /**
     * Returns the limits given, each taken from its setting when null ({@link SettingLookup}: a configuration
     * parameter, system property or environment variable), else its default.
     *
     * @param parameters the run's configuration parameters
     * @throws IllegalArgumentException when a setting is not a duration, naming the setting and the fix
     */
    public static TimeLimits of(Duration exec, Duration pull, Duration push,
                                Function<String, Optional<String>> parameters) {
        return new TimeLimits(exec != null ? exec : fromSetting(parameters, EXEC_PROPERTY, DEFAULT_EXEC),
                pull != null ? pull : fromSetting(parameters, PULL_PROPERTY, DEFAULT_PULL),
                push != null ? push : fromSetting(parameters, PUSH_PROPERTY, DEFAULT_PUSH));
    }

    /** How to raise the exec limit, for error messages. */
    public static String raiseExec() {
        return "raise it with Engine.builder().execTimeout(...) or -D" + EXEC_PROPERTY + "=<seconds or ISO-8601 duration>";
    }

    /** How to raise the pull limit, for error messages. */
    public static String raisePull() {
        return "raise it with Engine.builder().pullTimeout(...) or -D" + PULL_PROPERTY + "=<seconds or ISO-8601 duration>";
    }

    /** How to raise the push limit, for error messages. */
    public static String raisePush() {
        return "raise it with Engine.builder().pushTimeout(...) or -D" + PUSH_PROPERTY + "=<seconds or ISO-8601 duration>";
    }

    /** Formats a limit the way users write it: {@code 90s}, {@code 30m}. */
    public static String format(Duration limit) {
        long millis = limit.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static Duration fromSetting(Function<String, Optional<String>> parameters, String property,
                                        Duration fallback) {
        String value = SettingLookup.of(parameters, property).orElse(null);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = value.trim().matches("\\d+") ? Duration.ofSeconds(Long.parseLong(value.trim()))
                    : Duration.parse(value.trim());
            positive(parsed, property);
            return parsed;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(property + "=" + value + " is not a positive duration; give"
                    + " seconds (600) or an ISO-8601 duration (PT10M)", e);
        }
    }

    private static void positive(Duration limit, String name) {
        Objects.requireNonNull(limit, name);
        if (limit.isZero() || limit.isNegative()) {
            throw new IllegalArgumentException("The " + name + " time limit must be positive, got " + limit);
        }
    }
}
