package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Lowers container definitions into layers and computes their cache keys: SHA-256 over the parent's
 * key, the step's canonical definition (with the image configuration and exec context declared
 * before it) and the digests of its inputs' contents. Configuration steps fold into the next
 * filesystem step; a final configuration layer gives the image its exact configuration.
 *
 * <p>One planner serves one solve: it hashes each host input and plans each container once.
 */
public final class PipelinePlanner {

    private final BaseImages baseImages;
    private final ImageIndex index;
    private final Map<ContainerDefinition, PipelinePlan> plans = new HashMap<>();
    private final Map<String, Integer> sourceCounters = new HashMap<>();
    private final Function<ContainerDefinition, String> knownNames;

    /**
     * Creates a planner for one solve over an image snapshot.
     *
     * @param knownNames the name a container was solved under on its own, or null: a source pipeline takes that
     *                   name, so its steps read the same whichever pipeline copies from it
     */
    public PipelinePlanner(BaseImages baseImages, ImageIndex index, Function<ContainerDefinition, String> knownNames) {
        this.baseImages = baseImages;
        this.index = index;
        this.knownNames = knownNames;
    }

    /** Returns the plan of {@code definition} named {@code pipelineName}. */
    public synchronized PipelinePlan plan(String pipelineName, ContainerDefinition definition) {
        PipelinePlan known = plans.get(definition);
        if (known != null) {
            return known;
        }
        PipelinePlan plan = lower(pipelineName, definition);
        plans.put(definition, plan);
        return plan;
    }

    private PipelinePlan lower(String pipelineName, ContainerDefinition definition) {
        String baseId = baseImages.resolveId(definition.baseImage(), index);
        ImageConfig baseConfig = baseImages.config(baseId);
        String baseKey = ContentDigest.of("base\n" + baseId);
        List<PendingLayer> pending = new ArrayList<>();
        Lowering lowering = new Lowering(pipelineName, baseConfig, pending);
        List<String> trailingConfig = new ArrayList<>();
        List<PipelinePlan.StepOwner> owners = new ArrayList<>();
        List<StepDefinition> steps = definition.steps();
        for (int stepIndex = 0; stepIndex < steps.size(); stepIndex++) {
            Effect effect = steps.get(stepIndex).accept(lowering);
            if (effect.filesystem()) {
                trailingConfig.clear();
            } else if (effect.imageSetting() != null) {
                trailingConfig.add(effect.imageSetting());
            }
            if (stepIndex + 1 < steps.size()) {
                claimForPrefix(definition, stepIndex + 1, pending, trailingConfig, owners);
            }
        }
        ImageConfig config = lowering.config;
        ExecContext exec = lowering.exec;
        boolean endsWithExec = !pending.isEmpty() && pending.get(pending.size() - 1).kind == Layer.Kind.EXEC;
        boolean endsWithCopy = !pending.isEmpty() && pending.get(pending.size() - 1).kind == Layer.Kind.COPY;
        if (endsWithCopy && !trailingConfig.isEmpty()) {
            // A copy layer's image gets exactly its declared configuration, so the final settings can
            // ride on it instead of costing one more layer.
            PendingLayer last = pending.remove(pending.size() - 1);
            SortedMap<String, String> inputs = new TreeMap<>(last.inputs);
            inputs.put("final-config", ContentDigest.of(config.canonical()));
            pending.add(new PendingLayer(last.kind, last.description + " + " + String.join(", ", trailingConfig),
                    last.operation, last.destination, config, last.exec, inputs, last.dependencies));
        } else if (!definition.steps().isEmpty() && (!trailingConfig.isEmpty() || endsWithExec || pending.isEmpty())) {
            String description = trailingConfig.isEmpty() ? "CONFIG (image settings)" : String.join(", ", trailingConfig);
            pending.add(new PendingLayer(Layer.Kind.CONFIG, description, null, "", config, exec,
                    inputs("config\n" + config.canonical()), List.of()));
        }
        List<Layer> layers = chain(baseKey, pending);
        while (owners.size() < layers.size()) {
            owners.add(new PipelinePlan.StepOwner(pipelineName, layers.size()));
        }
        return new PipelinePlan(pipelineName, definition, baseId, baseKey, baseConfig, layers, owners);
    }

    /**
     * When the first {@code stepCount} steps of the definition were solved on their own under a name (a base that
     * other pipelines extend), the layers lowered so far belong to that pipeline: they are labelled with its name
     * and its number of steps in every solve that contains them. The shortest such prefix wins.
     */
    private void claimForPrefix(ContainerDefinition definition, int stepCount, List<PendingLayer> pending,
                                List<String> trailingConfig, List<PipelinePlan.StepOwner> owners) {
        if (owners.size() >= pending.size()) {
            return;
        }
        String name = knownNames.apply(new ContainerDefinition(definition.baseImage(),
                definition.steps().subList(0, stepCount)));
        if (name == null) {
            return;
        }
        // The prefix's own plan ends as lower() ends a plan: one more configuration layer after an exec or after
        // settings that no copy can carry.
        boolean endsWithExec = !pending.isEmpty() && pending.get(pending.size() - 1).kind == Layer.Kind.EXEC;
        boolean endsWithCopy = !pending.isEmpty() && pending.get(pending.size() - 1).kind == Layer.Kind.COPY;
        boolean configLayer = endsWithExec || pending.isEmpty() || (!trailingConfig.isEmpty() && !endsWithCopy);
        PipelinePlan.StepOwner owner = new PipelinePlan.StepOwner(name, pending.size() + (configLayer ? 1 : 0));
        while (owners.size() < pending.size()) {
            owners.add(owner);
        }
    }

    private PendingLayer execLayer(StepDefinition.Exec run, ImageConfig config, ExecContext exec) {
        String definition = "exec\nargs=" + CanonicalText.list(run.args()) + "\nenv=" + CanonicalText.map(run.execEnv())
                + "\naccept=" + run.acceptedExitCodes() + "\nconfig=" + config.canonical() + "\nexec=" + exec.canonical();
        if (run.cachePolicy() == dev.lattice.engine.CachePolicy.VOLATILE) {
            // A volatile step must never match an earlier entry: its key is unique per solve.
            definition += "\nvolatile=" + UUID.randomUUID();
        }
        return new PendingLayer(Layer.Kind.EXEC, "RUN " + String.join(" ", run.args()), run, "", config, exec,
                inputs(definition), List.of());
    }

    private PendingLayer copyFileLayer(String pipelineName, StepDefinition.CopyFile copy, ImageConfig config,
                                       ExecContext exec) {
        String destination = config.resolve(copy.path());
        SortedMap<String, String> inputs = inputs("copy-file\ndest=" + CanonicalText.quote(destination)
                + "\nconfig=" + config.canonical());
        List<PipelinePlan> dependencies = new ArrayList<>();
        String source;
        if (copy.source() instanceof FileSource.HostFile host) {
            source = host.path().toString();
            // Named by file name, not absolute path: keys must not depend on where the project is checked out.
            inputs.put("file " + host.path().getFileName(), HostTree.mode(host.path()) + ":" + ContentDigest.ofFile(host.path()));
        } else if (copy.source() instanceof FileSource.InMemoryFile memory) {
            source = memory.name();
            inputs.put("bytes " + source, memory.mode() + ":" + ContentDigest.of(memory.content()));
        } else {
            FileSource.ContainerFile other = (FileSource.ContainerFile) copy.source();
            PipelinePlan dependency = source(pipelineName, other.container());
            dependencies.add(dependency);
            source = "--from=" + dependency.pipelineName() + " " + other.path();
            inputs.put("from " + other.path(), filesystemKey(dependency));
        }
        return new PendingLayer(Layer.Kind.COPY, "COPY " + source + " " + destination, copy, destination, config,
                exec, inputs, dependencies);
    }

    private PendingLayer copyDirectoryLayer(String pipelineName, StepDefinition.CopyDirectory copy,
                                            ImageConfig config, ExecContext exec) {
        String destination = config.resolve(copy.path());
        DirectorySource source = copy.source();
        SortedMap<String, String> inputs = inputs("copy-dir\ndest=" + CanonicalText.quote(destination)
                + "\ninclude=" + CanonicalText.list(source.includes()) + "\nexclude="
                + CanonicalText.list(source.excludes()) + "\nconfig=" + config.canonical());
        List<PipelinePlan> dependencies = new ArrayList<>();
        String description;
        if (source instanceof DirectorySource.HostDirectory host) {
            HostTree tree = HostTree.scan(host.root(), host.includes(), host.excludes());
            // One input per path, so explain can name the file that changed.
            for (HostTree.Entry entry : tree.entries()) {
                inputs.put("file " + entry.relative(), entry.type() + ":" + Integer.toOctalString(entry.mode())
                        + ":" + entry.digest());
            }
            inputs.put("tree", tree.digest());
            description = "COPY " + host.root() + " " + destination;
        } else {
            DirectorySource.ContainerDirectory other = (DirectorySource.ContainerDirectory) source;
            PipelinePlan dependency = source(pipelineName, other.container());
            dependencies.add(dependency);
            inputs.put("from " + other.path(), filesystemKey(dependency));
            description = "COPY --from=" + dependency.pipelineName() + " " + other.path() + " " + destination;
        }
        return new PendingLayer(Layer.Kind.COPY, description, copy, destination, config, exec, inputs, dependencies);
    }

    /** Returns the key of the last filesystem layer of a plan: what a copy from it reads. */
    static String filesystemKey(PipelinePlan plan) {
        int last = plan.lastFilesystemLayer();
        return last < 0 ? plan.baseKey() : plan.layers().get(last).key();
    }

    private PipelinePlan source(String pipelineName, ContainerDefinition container) {
        PipelinePlan known = plans.get(container);
        if (known != null) {
            return known;
        }
        String name = knownNames.apply(container);
        return plan(name != null ? name : sourceName(pipelineName), container);
    }

    private String sourceName(String pipelineName) {
        int next = sourceCounters.merge(pipelineName, 1, Integer::sum);
        return pipelineName + "-source" + next;
    }

    private static List<Layer> chain(String baseKey, List<PendingLayer> pending) {
        List<Layer> layers = new ArrayList<>();
        String parent = baseKey;
        for (int i = 0; i < pending.size(); i++) {
            PendingLayer layer = pending.get(i);
            SortedMap<String, String> inputs = new TreeMap<>(layer.inputs);
            inputs.put("parent", parent);
            StringBuilder canonical = new StringBuilder();
            inputs.forEach((name, digest) -> canonical.append(CanonicalText.quote(name)).append('=').append(digest).append('\n'));
            String key = ContentDigest.of(canonical.toString());
            layers.add(new Layer(i + 1, pending.size(), layer.kind, layer.description, layer.operation,
                    layer.destination, layer.config, layer.exec, inputs, key, layer.dependencies));
            parent = key;
        }
        return layers;
    }

    private static SortedMap<String, String> inputs(String definition) {
        SortedMap<String, String> inputs = new TreeMap<>();
        inputs.put("step", ContentDigest.of(definition));
        return inputs;
    }

    /**
     * What a step did to the plan: added a filesystem layer, changed an image setting (described as in a
     * Dockerfile, for the final configuration layer's description), or changed only what later execs see.
     *
     * @param filesystem   whether the step added a filesystem layer
     * @param imageSetting the description of the image setting, or null
     */
    private record Effect(boolean filesystem, String imageSetting) {
        static final Effect FILESYSTEM = new Effect(true, null);
        static final Effect EXEC_CONTEXT = new Effect(false, null);

        static Effect imageSetting(String description) {
            return new Effect(false, description);
        }
    }

    /** Lowers the steps of one definition in order: the image configuration and exec context so far, and the layers. */
    private final class Lowering implements StepDefinition.Visitor<Effect> {
        private final String pipelineName;
        private final List<PendingLayer> pending;
        private ImageConfig config;
        private ExecContext exec = ExecContext.empty();

        Lowering(String pipelineName, ImageConfig baseConfig, List<PendingLayer> pending) {
            this.pipelineName = pipelineName;
            this.config = baseConfig;
            this.pending = pending;
        }

        @Override
        public Effect visit(StepDefinition.Exec step) {
            pending.add(execLayer(step, config, exec));
            return Effect.FILESYSTEM;
        }

        @Override
        public Effect visit(StepDefinition.CopyFile step) {
            pending.add(copyFileLayer(pipelineName, step, config, exec));
            return Effect.FILESYSTEM;
        }

        @Override
        public Effect visit(StepDefinition.CopyDirectory step) {
            pending.add(copyDirectoryLayer(pipelineName, step, config, exec));
            return Effect.FILESYSTEM;
        }

        @Override
        public Effect visit(StepDefinition.SetEnv step) {
            config = config.withEnv(step.name(), step.value());
            return Effect.imageSetting("ENV " + step.name() + "=" + step.value());
        }

        @Override
        public Effect visit(StepDefinition.SetWorkdir step) {
            config = config.withWorkdir(step.path());
            return Effect.imageSetting("WORKDIR " + step.path());
        }

        @Override
        public Effect visit(StepDefinition.SetUser step) {
            config = config.withUser(step.user());
            return Effect.imageSetting("USER " + step.user());
        }

        @Override
        public Effect visit(StepDefinition.SetEntrypoint step) {
            config = config.withEntrypoint(step.args());
            return Effect.imageSetting("ENTRYPOINT " + step.args());
        }

        @Override
        public Effect visit(StepDefinition.SetDefaultArgs step) {
            config = config.withCmd(step.args());
            return Effect.imageSetting("CMD " + step.args());
        }

        @Override
        public Effect visit(StepDefinition.SetHealthcheck step) {
            config = config.withHealthcheck(step.healthcheck());
            return Effect.imageSetting("HEALTHCHECK --interval=" + step.healthcheck().interval().toMillis() + "ms CMD "
                    + step.healthcheck().command());
        }

        @Override
        public Effect visit(StepDefinition.ExposePort step) {
            config = config.withExposedPort(step.port());
            return Effect.imageSetting("EXPOSE " + step.port());
        }

        @Override
        public Effect visit(StepDefinition.SetLabel step) {
            config = config.withLabel(step.key(), step.value());
            return Effect.imageSetting("LABEL " + step.key() + "=" + step.value());
        }

        @Override
        public Effect visit(StepDefinition.MountCache step) {
            exec = exec.withCache(config.resolve(step.path()), step.volumeName());
            return Effect.EXEC_CONTEXT;
        }

        @Override
        public Effect visit(StepDefinition.SecretVariable step) {
            exec = exec.withSecretEnv(step.name(), step.secret());
            return Effect.EXEC_CONTEXT;
        }

        @Override
        public Effect visit(StepDefinition.MountSecret step) {
            exec = exec.withSecretFile(config.resolve(step.path()), step.secret());
            return Effect.EXEC_CONTEXT;
        }

        @Override
        public Effect visit(StepDefinition.BindService step) {
            exec = exec.withService(step.alias(), step.service());
            return Effect.EXEC_CONTEXT;
        }
    }

    private record PendingLayer(Layer.Kind kind, String description, StepDefinition operation, String destination,
                                ImageConfig config, ExecContext exec, SortedMap<String, String> inputs,
                                List<PipelinePlan> dependencies) {
    }
}
