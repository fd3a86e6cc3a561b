package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's images as a tree of their layer chains, to count what removing some of them frees: a layer is freed
 * only when no kept image has it. The engine reports each image's total size; the size of the layers between two
 * images on one chain is the difference of their totals. Where a chain forks at a layer no image ends on, the shared
 * part is taken to be as large as the smallest image below the fork allows. Not thread-safe.
 */
final class LayerTree {

    /** A layer chain: the layers from the bottom up to one layer. */
    static final class Node {
        private final Node parent;
        private final Map<String, Node> children = new HashMap<>();
        private long imageSize = -1;
        private long cumulative;

        private Node(Node parent) {
            this.parent = parent;
        }
    }

    private final Node root = new Node(null);
    private boolean sized;

    /**
     * Adds an image.
     *
     * @param layers its layers' diff ids, bottom first
     * @param size its total size in bytes as the engine reports it
     * @return the nodes of its chain, bottom first
     */
    List<Node> add(List<String> layers, long size) {
        List<Node> chain = new ArrayList<>(layers.size());
        Node node = root;
        for (String layer : layers) {
            Node parent = node;
            node = parent.children.computeIfAbsent(layer, diff -> new Node(parent));
            chain.add(node);
        }
        if (node != root) {
            node.imageSize = Math.max(node.imageSize, size);
        }
        sized = false;
        return chain;
    }

    /**
     * The bytes that the given chains hold beyond the chains already held.
     *
     * @param chains the chains to count
     * @param held chains whose layers are counted already (a kept image's); not changed
     * @return the size of the layers in {@code chains} and not in {@code held}
     */
    long sizeBeyond(Collection<List<Node>> chains, Set<Node> held) {
        size();
        Set<Node> counted = new HashSet<>();
        long total = 0;
        for (List<Node> chain : chains) {
            for (Node node : chain) {
                if (!held.contains(node) && counted.add(node)) {
                    total += Math.max(0, node.cumulative - (node.parent == null ? 0 : node.parent.cumulative));
                }
            }
        }
        return total;
    }

    private void size() {
        if (!sized) {
            smallestBelow(root);
            root.cumulative = 0;
            sized = true;
        }
    }

    /** Sets each node's cumulative size: its image's size, else the smallest image size below it. */
    private static long smallestBelow(Node node) {
        long smallest = Long.MAX_VALUE;
        for (Node child : node.children.values()) {
            smallest = Math.min(smallest, smallestBelow(child));
        }
        node.cumulative = node.imageSize >= 0 ? node.imageSize : smallest == Long.MAX_VALUE ? 0 : smallest;
        return node.cumulative;
    }
}
