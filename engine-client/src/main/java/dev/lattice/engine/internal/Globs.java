package dev.lattice.engine.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** Include and exclude globs of a directory copy, matched against paths relative to the copied directory. */
final class Globs {

    private Globs() {
    }

    /** Returns one matcher per glob ({@code **}, {@code *}, {@code ?}, {@code [..]}, {@code {a,b}} as in Java's glob syntax). */
    static List<PathMatcher> matchers(List<String> globs) {
        return globs.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
    }

    /** Whether any matcher matches the relative path. */
    static boolean matchesAny(List<PathMatcher> matchers, Path relative) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }
}
