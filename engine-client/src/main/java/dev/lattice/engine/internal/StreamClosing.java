package dev.lattice.engine.internal;

import org.slf4j.Logger;

import java.io.Closeable;
import java.io.IOException;

/** Closes a stream of the engine's answers that is given up (a time limit reached): a failure there changes nothing. */
final class StreamClosing {

    private StreamClosing() {
    }

    /** Closes {@code stream}, logging a failure at debug on {@code log} as a failure to close {@code what}. */
    static void quietly(Closeable stream, Logger log, String what) {
        try {
            stream.close();
        } catch (IOException | RuntimeException alreadyClosed) {
            log.debug("Closing {} failed; it is given up either way", what, alreadyClosed);
        }
    }
}
