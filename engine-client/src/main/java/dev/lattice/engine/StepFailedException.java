package dev.lattice.engine;

import java.util.List;

/**
 * An exec step failed: carries where it is, what it ran, how it ended (its exit code, or the engine failure that
 * ended it without one) and its last output lines.
 */
public final class StepFailedException extends LatticeException {

    private final String pipelineName;
    private final int stepIndex;
    private final int stepCount;
    private final String stepDescription;
    private final List<String> command;
    private final int exitCode;
    private final boolean oomKilled;
    private final List<String> lastOutputLines;

    /**
     * Creates the exception for an exec that ended without an exit code: the engine failed under it (its
     * connection was cut, say). The message carries the step, the engine's failure and the output printed until then.
     */
    public StepFailedException(String pipelineName, int stepIndex, int stepCount, String stepDescription,
                               List<String> command, List<String> lastOutputLines, RuntimeException engineFailure) {
        this(header(pipelineName, stepIndex, stepCount, stepDescription) + " did not finish: the engine failed"
                + " while it ran (" + engineFailure + ")" + tail(lastOutputLines), engineFailure,
                pipelineName, stepIndex, stepCount, stepDescription, command, -1, false, lastOutputLines);
    }

    /**
     * Creates the exception for an exec stopped because it ran longer than its time limit (its container is removed).
     * The message carries the step, the limit, how to raise it and the output printed until then.
     *
     * @param limit      the limit the exec reached, as users write it ({@code 90s}, {@code 30m})
     * @param howToRaise the setting that raises the limit
     */
    public StepFailedException(String pipelineName, int stepIndex, int stepCount, String stepDescription,
                               List<String> command, String limit, String howToRaise, List<String> lastOutputLines) {
        this(header(pipelineName, stepIndex, stepCount, stepDescription) + " ran longer than its time limit of "
                + limit + " and was stopped; " + howToRaise + tail(lastOutputLines), null,
                pipelineName, stepIndex, stepCount, stepDescription, command, -1, false, lastOutputLines);
    }

    /** Creates the exception; the message carries every field and the last output lines. */
    public StepFailedException(String pipelineName, int stepIndex, int stepCount, String stepDescription,
                               List<String> command, int exitCode, boolean oomKilled, List<String> lastOutputLines) {
        this(message(pipelineName, stepIndex, stepCount, stepDescription, exitCode, oomKilled, lastOutputLines), null,
                pipelineName, stepIndex, stepCount, stepDescription, command, exitCode, oomKilled, lastOutputLines);
    }

    private StepFailedException(String message, Throwable cause, String pipelineName, int stepIndex, int stepCount,
                                String stepDescription, List<String> command, int exitCode, boolean oomKilled,
                                List<String> lastOutputLines) {
        super(message, cause);
        this.pipelineName = pipelineName;
        this.stepIndex = stepIndex;
        this.stepCount = stepCount;
        this.stepDescription = stepDescription;
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.oomKilled = oomKilled;
        this.lastOutputLines = List.copyOf(lastOutputLines);
    }

    private static String message(String pipeline, int index, int count, String description, int exitCode,
                                  boolean oomKilled, List<String> lines) {
        return header(pipeline, index, count, description) + " failed with exit code " + exitCode
                + (oomKilled ? " (killed: out of memory)" : "") + tail(lines);
    }

    private static String header(String pipeline, int index, int count, String description) {
        return "Step [" + pipeline + " " + index + "/" + count + "] " + description;
    }

    private static String tail(List<String> lines) {
        StringBuilder text = new StringBuilder();
        if (lines.isEmpty()) {
            text.append("; it printed nothing");
        } else {
            text.append("; last ").append(lines.size()).append(" lines of output:");
            lines.forEach(line -> text.append("\n  | ").append(line));
        }
        return text.toString();
    }

    /** Returns the pipeline's name. */
    public String pipelineName() {
        return pipelineName;
    }

    /** Returns the failing step's 1-based index. */
    public int stepIndex() {
        return stepIndex;
    }

    /** Returns the pipeline's number of steps. */
    public int stepCount() {
        return stepCount;
    }

    /** Returns the step's description, e.g. {@code RUN make}. */
    public String stepDescription() {
        return stepDescription;
    }

    /** Returns the command that ran. */
    public List<String> command() {
        return command;
    }

    /** Returns the command's exit code; -1 when it ended without one (the engine failed under it). */
    public int exitCode() {
        return exitCode;
    }

    /** Returns whether the kernel killed the step for lack of memory. */
    public boolean oomKilled() {
        return oomKilled;
    }

    /** Returns up to the last 50 lines of combined stdout and stderr; may be empty. */
    public List<String> lastOutputLines() {
        return lastOutputLines;
    }
}
