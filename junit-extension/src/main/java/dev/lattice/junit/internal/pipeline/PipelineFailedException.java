package dev.lattice.junit.internal.pipeline;

/**
 * A test needs a pipeline whose build failed earlier in this run. The failing step's full explanation (command,
 * exit code, last output lines) was given once, to the first test that needed it; this one says where to look.
 */
final class PipelineFailedException extends RuntimeException {

    PipelineFailedException(PipelineDeclaration pipeline, RuntimeException first) {
        super("Pipeline \"" + pipeline.name() + "\" (" + pipeline.where() + ") failed earlier in this run: "
                + firstLine(first.getMessage()) + " (the first test that needed it shows the step's output)",
                null, false, false);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
