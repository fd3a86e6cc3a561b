package dev.lattice.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A readiness check: when a started service counts as ready. Immutable; each check has a timeout (60 s unless
 * set). A check that does not pass in time fails the start with {@link ServiceStartException}, which says which
 * check, for how long, how the container ended and its last log lines.
 */
public final class Ready {

    /** What a check looks at. */
    public enum Kind { PORT, LOG_LINE, HTTP, COMMAND }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Kind kind;
    private final int port;
    private final String text;
    private final int times;
    private final int status;
    private final List<String> command;
    private final Duration timeout;

    private Ready(Kind kind, int port, String text, int times, int status, List<String> command, Duration timeout) {
        this.kind = kind;
        this.port = port;
        this.text = text;
        this.times = times;
        this.status = status;
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /**
     * Ready when something listens on a port inside the container.
     *
     * @param containerPort the port, as the container sees it
     * @return the check
     */
    public static Ready port(int containerPort) {
        return new Ready(Kind.PORT, containerPort, "", 1, 0, List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Ready when the container's output has matched a regular expression a number of times.
     *
     * @param regex a regular expression matched against each log line (find, not full match)
     * @param times how many lines must match, at least 1
     * @return the check
     */
    public static Ready logLine(String regex, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("Ready.logLine(\"" + regex + "\", " + times + "): times must be 1 or more");
        }
        return new Ready(Kind.LOG_LINE, 0, Objects.requireNonNull(regex), times, 0, List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Ready when an HTTP GET of a path answers 2xx (or the status given by {@link #withStatus(int)}).
     *
     * @param containerPort the port, as the container sees it
     * @param path the path, starting with {@code /}
     * @return the check
     */
    public static Ready http(int containerPort, String path) {
        return new Ready(Kind.HTTP, containerPort, Objects.requireNonNull(path), 1, 0, List.of(), DEFAULT_TIMEOUT);
    }

    /**
     * Ready when a command run inside the container exits with 0.
     *
     * @param args the command and its arguments
     * @return the check
     */
    public static Ready command(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("Ready.command() needs a command; pass it and its arguments");
        }
        return new Ready(Kind.COMMAND, 0, "", 1, 0, List.of(args), DEFAULT_TIMEOUT);
    }

    /**
     * The same check with another timeout.
     *
     * @param timeout how long the check may take, positive
     * @return a new check
     */
    public Ready withTimeout(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("A readiness timeout must be positive, got " + timeout);
        }
        return new Ready(kind, port, text, times, status, command, timeout);
    }

    /**
     * An HTTP check that expects one exact status instead of any 2xx.
     *
     * @param expected the HTTP status
     * @return a new check
     */
    public Ready withStatus(int expected) {
        return new Ready(kind, port, text, times, expected, command, timeout);
    }

    /** What the check looks at. */
    public Kind kind() {
        return kind;
    }

    /** The container port of a port or HTTP check; 0 otherwise. */
    public int port() {
        return port;
    }

    /** The regular expression of a log check, or the path of an HTTP check; empty otherwise. */
    public String text() {
        return text;
    }

    /** How many matching lines a log check needs. */
    public int times() {
        return times;
    }

    /** The exact status an HTTP check expects; 0 for any 2xx. */
    public int status() {
        return status;
    }

    /** The command of a command check; empty otherwise. */
    public List<String> command() {
        return command;
    }

    /** How long the check may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The check as people read it, e.g. {@code HTTP GET :8080/health answers 2xx}. */
    @Override
    public String toString() {
        return switch (kind) {
            case PORT -> "port " + port + " accepts connections";
            case LOG_LINE -> "log line /" + text + "/ seen " + times + " time(s)";
            case HTTP -> "HTTP GET :" + port + text + " answers " + (status == 0 ? "2xx" : String.valueOf(status));
            case COMMAND -> "command " + String.join(" ", command) + " exits 0";
        } + " within " + timeout.toSeconds() + " s";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ready that && toString().equals(that.toString()) && command.equals(that.command);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
