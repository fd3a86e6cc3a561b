package dev.lattice.engine.internal;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a run's time with the registry cache went: lookups, pulls, pushes (in the background, and what the end of
 * the run waited for them) and cache volume transfers. Counters only; thread-safe.
 */
final class RegistryCacheStats {

    /** One kind of transfer: how many, how long in all (milliseconds). */
    static final class Tally {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong millis = new AtomicLong();

        /** Counts one, that started at {@code startedNanos} ({@link System#nanoTime()}) and ends now. */
        void add(long startedNanos) {
            count.incrementAndGet();
            millis.addAndGet((System.nanoTime() - startedNanos) / 1_000_000);
        }

        @Override
        public String toString() {
            return count.get() + " in " + millis.get() + " ms";
        }
    }

    final Tally lookups = new Tally();
    final AtomicLong keysAsked = new AtomicLong();
    final AtomicLong keysFound = new AtomicLong();
    final Tally pulls = new Tally();
    final Tally pushes = new Tally();
    // Of the pushes, those of steps the engine held before the run (found missing by keysChecked, in the background).
    final AtomicLong localPushes = new AtomicLong();
    final AtomicLong keysChecked = new AtomicLong();
    final Tally volumeImports = new Tally();
    final Tally volumeExports = new Tally();
    final AtomicLong endWaitMillis = new AtomicLong();

    /** One line, for the end of the run: {@code Registry cache HOST/PREFIX: lookups=... pulls=... pushes=...}. */
    String summary(String location) {
        return String.format(Locale.ROOT, "Registry cache %s: lookups=%s (keys asked %d, found %d), pulls=%s,"
                        + " pushes=%s (%d of them of local entries the registry lacked, of %d checked; the run's end"
                        + " waited %d ms for them), volume imports=%s, volume exports=%s",
                location, lookups, keysAsked.get(), keysFound.get(), pulls, pushes, localPushes.get(),
                keysChecked.get(), endWaitMillis.get(), volumeImports, volumeExports);
    }
}
