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
        ImageConfig config = baseConfig;
        ExecContext exec = ExecContext.empty();
        List<String> trailingConfig = new ArrayList<>();
        List<PipelinePlan.StepOwner> owners = new ArrayList<>();
        List<StepDefinition> steps = definition.steps();
        for (int stepIndex = 0; stepIndex < steps.size(); stepIndex++) {
            StepDefinition step = steps.get(stepIndex);
            if (step instanceof StepDefinition.SetEnv env) {
                config = config.withEnv(env.name(), env.value());
            } else if (step instanceof StepDefinition.SetWorkdir workdir) {
                config = config.withWorkdir(workdir.path());
            } else if (step instanceof StepDefinition.SetUser user) {
                config = config.withUser(user.user());
            } else if (step instanceof StepDefinition.SetEntrypoint entrypoint) {
                config = config.withEntrypoint(entrypoint.args());
            } else if (step instanceof StepDefinition.SetDefaultArgs args) {
                config = config.withCmd(args.args());
            } else if (step instanceof StepDefinition.ExposePort port) {
                config = config.withExposedPort(port.port());
            } else if (step instanceof StepDefinition.SetHealthcheck check) {
                config = config.withHealthcheck(check.healthcheck());
            } else if (step instanceof StepDefinition.SetLabel label) {
                config = config.withLabel(label.key(), label.value());
            } else if (step instanceof StepDefinition.MountCache cache) {
                exec = exec.withCache(config.resolve(cache.path()), cache.volumeName());
            } else if (step instanceof StepDefinition.SecretVariable secret) {
                exec = exec.withSecretEnv(secret.name(), secret.secret());
            } else if (step instanceof StepDefinition.MountSecret secret) {
                exec = exec.withSecretFile(config.resolve(secret.path()), secret.secret());
            } else if (step instanceof StepDefinition.BindService service) {
                exec = exec.withService(service.alias(), service.service());
            } else if (step instanceof StepDefinition.Exec run) {
                pending.add(execLayer(run, config, exec));
            } else if (step instanceof StepDefinition.CopyFile copy) {
                pending.add(copyFileLayer(pipelineName, copy, config, exec));
            } else if (step instanceof StepDefinition.CopyDirectory copy) {
                pending.add(copyDirectoryLayer(pipelineName, copy, config, exec));
            }
            if (isFilesystemStep(step)) {
                trailingConfig.clear();
            } else if (isImageConfigStep(step)) {
                trailingConfig.add(describeConfig(step));
            }
            if (stepIndex + 1 < steps.size()) {
                claimForPrefix(definition, stepIndex + 1, pending, trailingConfig, owners);
            }
        }
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

    private static boolean isFilesystemStep(StepDefinition step) {
        return step instanceof StepDefinition.Exec || step instanceof StepDefinition.CopyFile
                || step instanceof StepDefinition.CopyDirectory;
    }

    private static boolean isImageConfigStep(StepDefinition step) {
        return step instanceof StepDefinition.SetEnv || step instanceof StepDefinition.SetWorkdir
                || step instanceof StepDefinition.SetUser || step instanceof StepDefinition.SetEntrypoint
                || step instanceof StepDefinition.SetDefaultArgs || step instanceof StepDefinition.ExposePort
                || step instanceof StepDefinition.SetLabel || step instanceof StepDefinition.SetHealthcheck;
    }

    private static String describeConfig(StepDefinition step) {
        if (step instanceof StepDefinition.SetEnv env) {
            return "ENV " + env.name() + "=" + env.value();
        } else if (step instanceof StepDefinition.SetWorkdir workdir) {
            return "WORKDIR " + workdir.path();
        } else if (step instanceof StepDefinition.SetUser user) {
            return "USER " + user.user();
        } else if (step instanceof StepDefinition.SetEntrypoint entrypoint) {
            return "ENTRYPOINT " + entrypoint.args();
        } else if (step instanceof StepDefinition.SetDefaultArgs args) {
            return "CMD " + args.args();
        } else if (step instanceof StepDefinition.ExposePort port) {
            return "EXPOSE " + port.port();
        } else if (step instanceof StepDefinition.SetLabel label) {
            return "LABEL " + label.key() + "=" + label.value();
        } else if (step instanceof StepDefinition.SetHealthcheck check) {
            return "HEALTHCHECK --interval=" + check.healthcheck().interval().toMillis() + "ms CMD "
                    + check.healthcheck().command();
        }
        return step.toString();
    }

    private record PendingLayer(Layer.Kind kind, String description, StepDefinition operation, String destination,
                                ImageConfig config, ExecContext exec, SortedMap<String, String> inputs,
                                List<PipelinePlan> dependencies) {
    }
}
