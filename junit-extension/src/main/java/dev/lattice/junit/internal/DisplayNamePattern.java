package dev.lattice.junit.internal;

import dev.lattice.junit.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a cell's display name from a pattern such as {@code "{transport} with auth {auth}"}.
 *
 * @param pattern the pattern; placeholders are {@code {cell}}, {@code {index}}, {@code {displayName}}
 *     and the name of any axis
 */
public record DisplayNamePattern(String pattern) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");
    private static final Set<String> FIXED = Set.of("cell", "index", "displayName");

    /**
     * The cell's display name.
     *
     * @param cell the cell
     * @param methodDisplayName the test method's display name
     * @return the pattern with each placeholder replaced; unknown placeholders stay as written
     */
    public String render(Cell cell, String methodDisplayName) {
        return PLACEHOLDER.matcher(pattern).replaceAll(
                placeholder -> Matcher.quoteReplacement(valueOf(placeholder.group(1), cell, methodDisplayName)
                        .orElse(placeholder.group())));
    }

    private static Optional<String> valueOf(String placeholder, Cell cell, String methodDisplayName) {
        return switch (placeholder) {
            case "cell" -> Optional.of(cell.toString());
            case "index" -> Optional.of(String.valueOf(cell.index()));
            case "displayName" -> Optional.of(methodDisplayName);
            default -> Optional.ofNullable(cell.axes().get(placeholder));
        };
    }

    /**
     * The placeholders that name nothing.
     *
     * @param axisNames the matrix's axis names
     * @return each unknown placeholder as written, such as {@code {trasport}}; empty if all are known
     */
    public List<String> unknownPlaceholders(Set<String> axisNames) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            if (!FIXED.contains(matcher.group(1)) && !axisNames.contains(matcher.group(1))) {
                unknown.add(matcher.group());
            }
        }
        return unknown;
    }
}
