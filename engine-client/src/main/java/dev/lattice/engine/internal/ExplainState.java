package dev.lattice.engine.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What the last solve of each pipeline name was made of (each layer's key and input digests), kept
 * in a small state directory and written atomically, so a miss can say which input changed. Also
 * records when a pipeline last used its cache entries and volumes, for pruning.
 */
final class ExplainState {

    private static final Logger LOG = LoggerFactory.getLogger(ExplainState.class);

    private final Path dir;
    private final String project;

    /** The state of every project's pipelines, for pruning. */
    ExplainState(Path cacheDir) {
        this(cacheDir, "");
    }

    /** The state of one project's pipelines: pipeline names are only unique within a project. */
    ExplainState(Path cacheDir, String project) {
        this.dir = cacheDir.resolve("pipelines");
        this.project = project;
    }

    /** Returns the state of the last solve of this pipeline; may be empty. */
    Optional<Properties> load(String pipelineName) {
        Path file = dir.resolve(fileName(pipelineName));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Properties state = new Properties();
            state.load(in);
            return Optional.of(state);
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** Records the plan as the last solve of its pipeline; failures to write only cost explanations. */
    void save(PipelinePlan plan) {
        Properties state = new Properties();
        state.setProperty("pipeline", plan.pipelineName());
        state.setProperty("project", project);
        state.setProperty("solved.at", Long.toString(System.currentTimeMillis()));
        state.setProperty("final.key", plan.finalKey());
        state.setProperty("layers", Integer.toString(plan.layers().size()));
        TreeSet<String> volumes = new TreeSet<>();
        for (Layer layer : plan.layers()) {
            String prefix = "layer." + layer.index() + ".";
            state.setProperty(prefix + "key", layer.key());
            state.setProperty(prefix + "description", layer.description());
            layer.inputs().forEach((name, digest) -> state.setProperty(prefix + "input." + name, digest));
            volumes.addAll(layer.exec().cacheMounts().values());
        }
        state.setProperty("volumes", String.join(",", volumes));
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "state", ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                state.store(out, "Lattice pipeline state: what the last solve was made of");
            }
            Files.move(partial, dir.resolve(fileName(plan.pipelineName())), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Explanations degrade to "no earlier solve"; building is unaffected.
            LOG.debug("Cannot save the explain state of pipeline {} under {}", plan.pipelineName(), dir, e);
        }
    }

    /** Returns every saved state, for pruning. */
    List<Properties> all() {
        List<Properties> states = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return states;
        }
        try (var files = Files.list(dir)) {
            files.filter(file -> file.toString().endsWith(".state")).forEach(file -> {
                try (InputStream in = Files.newInputStream(file)) {
                    Properties state = new Properties();
                    state.load(in);
                    states.add(state);
                } catch (IOException | IllegalArgumentException unreadable) {
                    // A damaged state file only loses its usage record.
                    LOG.debug("Cannot read explain state {}", file, unreadable);
                }
            });
        } catch (IOException e) {
            return states;
        }
        return states;
    }

    /** Says what differs between a rebuilt layer and the same position in the previous solve. */
    static List<String> changes(Layer layer, Optional<Properties> previous) {
        List<String> changes = new ArrayList<>();
        if (layer.isVolatile()) {
            changes.add("volatile step: always runs");
            return changes;
        }
        if (previous.isEmpty()) {
            changes.add("no earlier solve of this pipeline recorded");
            return changes;
        }
        Properties state = previous.get();
        String prefix = "layer." + layer.index() + ".";
        String oldKey = state.getProperty(prefix + "key");
        if (oldKey == null) {
            changes.add("new step (the previous solve had " + state.getProperty("layers", "?") + " steps)");
            return changes;
        }
        if (oldKey.equals(layer.key())) {
            changes.add("same inputs as the last solve, but its cache entry is gone (pruned or removed)");
            return changes;
        }
        Map<String, String> inputs = layer.inputs();
        TreeSet<String> names = new TreeSet<>(inputs.keySet());
        String inputPrefix = prefix + "input.";
        for (String property : state.stringPropertyNames()) {
            if (property.startsWith(inputPrefix)) {
                names.add(property.substring(inputPrefix.length()));
            }
        }
        for (String name : names) {
            String before = state.getProperty(inputPrefix + name);
            String now = inputs.get(name);
            if (name.equals("tree") || (before != null && before.equals(now))) {
                continue;
            }
            changes.add(describe(name, before, now, layer, state.getProperty(prefix + "description")));
        }
        return changes;
    }

    private static String describe(String name, String before, String now, Layer layer, String oldDescription) {
        if (name.equals("parent")) {
            return layer.index() == 1 ? "base image changed" : "parent changed (step " + (layer.index() - 1) + ")";
        }
        if (name.equals("step")) {
            return oldDescription != null && !oldDescription.equals(layer.description())
                    ? "definition changed: was '" + oldDescription + "'"
                    : "definition changed (arguments, environment or settings)";
        }
        String what = name.startsWith("from ") ? "source " + name.substring(5) : name;
        if (before == null) {
            return what + " added";
        }
        if (now == null) {
            return what + " removed";
        }
        return what + " changed";
    }

    private String fileName(String pipelineName) {
        String safe = pipelineName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe + "-" + ContentDigest.of(project + "\n" + pipelineName).substring(0, 8) + ".state";
    }
}
