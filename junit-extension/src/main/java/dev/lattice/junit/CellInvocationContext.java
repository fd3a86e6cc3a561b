package dev.lattice.junit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One run of a matrix test method: its display name, and the extensions that give it its cell.
 *
 * @param cell the cell this run covers
 * @param displayName the rendered display name
 * @param pacing extensions of this cell beyond its parameters, such as the concurrency limit or the condition that
 *     skips it; may be empty
 */
record CellInvocationContext(Cell cell, String displayName, List<Extension> pacing)
        implements TestTemplateInvocationContext {

    CellInvocationContext {
        pacing = List.copyOf(pacing);
    }

    @Override
    public String getDisplayName(int invocationIndex) {
        return displayName;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
        List<Extension> extensions = new ArrayList<>(pacing);
        extensions.add(new CellParameterResolver(cell));
        extensions.add(new CellFailureNaming(cell));
        return List.copyOf(extensions);
    }
}
