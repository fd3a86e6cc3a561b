package dev.lattice.engine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints progress as plain lines, e.g. {@code #3 [base 3/7] RUN mvn -B dependency:go-offline  CACHED}.
 * Each started or cached step gets the next sequence number.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Creates a printer that writes to standard error. */
    public ConsoleProgress() {
        this(System.err);
    }

    /** Creates a printer that writes to {@code out}. */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(StepEvent event) {
        print(event, "");
    }

    @Override
    public void cached(StepEvent event) {
        print(event, "  CACHED");
    }

    @Override
    public void pulled(StepEvent event) {
        print(event, String.format(Locale.ROOT, "  PULLED %.1fs", event.duration().toMillis() / 1000.0));
    }

    @Override
    public void done(StepEvent event) {
        print(event, String.format(Locale.ROOT, "  DONE %.1fs", event.duration().toMillis() / 1000.0));
    }

    @Override
    public void failed(StepEvent event) {
        print(event, String.format(Locale.ROOT, "  ERROR after %.1fs", event.duration().toMillis() / 1000.0));
    }

    private void print(StepEvent event, String suffix) {
        out.println("#" + sequence.incrementAndGet() + " [" + event.pipelineName() + " " + event.index() + "/"
                + event.count() + "] " + event.description() + suffix);
    }
}
