package dev.lattice.engine;

import dev.lattice.engine.internal.ContainerDefinition;
import dev.lattice.engine.internal.DirectorySource;
import dev.lattice.engine.internal.FileSource;
import dev.lattice.engine.internal.ImageConfig;
import dev.lattice.engine.internal.StepDefinition;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node of a build graph: a base image plus an ordered list of steps. Immutable and lazy:
 * every {@code with...} method returns a new container, and nothing touches Docker until an
 * {@link Engine} method solves it.
 */
public final class Container {

    private final ContainerDefinition definition;

    private Container(ContainerDefinition definition) {
        this.definition = definition;
    }

    /**
     * Returns a container that starts from the given image. A local image is used first; a missing
     * image is pulled once, failing fast with {@link ImageNotFoundException}.
     *
     * @param image an image reference, e.g. {@code debian:bookworm-slim}
     * @return a new container with no steps
     */
    public static Container from(String image) {
        Objects.requireNonNull(image, "image");
        return new Container(new ContainerDefinition(image, List.of()));
    }

    /** Returns a new container that runs the command with default {@link ExecOptions}. */
    public Container withExec(String... args) {
        return withExec(Arrays.asList(args), ExecOptions.defaults());
    }

    /**
     * Returns a new container that runs the command with the given options.
     *
     * @param args    the command and its arguments, not empty
     * @param options exec-only environment, accepted exit codes and cache policy
     * @return a new container
     */
    public Container withExec(List<String> args, ExecOptions options) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("withExec needs a command; got no arguments");
        }
        return with(new StepDefinition.Exec(List.copyOf(args), options.env(), options.acceptedExitCodes(),
                options.cachePolicy()));
    }

    /** Returns a new container whose image and later execs have this environment variable. */
    public Container withEnv(String name, String value) {
        return with(new StepDefinition.SetEnv(name, value));
    }

    /** Returns a new container whose working directory (image and later execs) is {@code path}. */
    public Container withWorkdir(String path) {
        return with(new StepDefinition.SetWorkdir(path));
    }

    /** Returns a new container whose user (image and later execs) is {@code user}. */
    public Container withUser(String user) {
        return with(new StepDefinition.SetUser(user));
    }

    /** Returns a new container whose image has this entrypoint. */
    public Container withEntrypoint(String... args) {
        return with(new StepDefinition.SetEntrypoint(List.of(args)));
    }

    /** Returns a new container whose image has these default arguments (the command). */
    public Container withDefaultArgs(String... args) {
        return with(new StepDefinition.SetDefaultArgs(List.of(args)));
    }

    /** Returns a new container whose image exposes this TCP port. */
    public Container withExposedPort(int port) {
        return with(new StepDefinition.ExposePort(port));
    }

    /**
     * Returns a new container whose image has this health check: the engine runs {@code command} (exec form, no
     * shell) in the container every {@code interval}, allows each run one interval, and marks the container
     * unhealthy after three failures in a row.
     *
     * @param interval time between checks, at least one millisecond
     * @param command  the check and its arguments, not empty; exit code 0 means healthy
     * @return a new container
     */
    public Container withHealthcheck(Duration interval, String... command) {
        Objects.requireNonNull(interval, "interval");
        if (command.length == 0) {
            throw new IllegalArgumentException("withHealthcheck needs a command to run, e.g. withHealthcheck("
                    + "Duration.ofSeconds(5), \"/app/healthcheck\"); got no arguments");
        }
        if (interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("withHealthcheck interval " + interval + " is too short: the engine"
                    + " accepts one millisecond or more; pass e.g. Duration.ofSeconds(5)");
        }
        return with(new StepDefinition.SetHealthcheck(new ImageConfig.Healthcheck(List.of(command), interval)));
    }

    /** Returns a new container whose image carries this label. */
    public Container withLabel(String key, String value) {
        return with(new StepDefinition.SetLabel(key, value));
    }

    /**
     * Returns a new container with the directory's content copied to {@code path}; a relative path
     * resolves against the working directory.
     */
    public Container withDirectory(String path, Directory dir) {
        return with(new StepDefinition.CopyDirectory(path, dir.source()));
    }

    /**
     * Returns a new container with the file copied to {@code path}; a relative path resolves against
     * the working directory.
     */
    public Container withFile(String path, File file) {
        return with(new StepDefinition.CopyFile(path, file.source()));
    }

    /**
     * Returns a new container whose later execs see the persistent cache volume at {@code path}.
     * The volume is never part of the image nor of any cache key. A new, empty volume is first filled
     * with what this image holds at {@code path} (as the Docker engine fills named volumes); from then on,
     * execs see what earlier execs left in it, and the image's own files at {@code path} stay hidden.
     */
    public Container withMountedCache(String path, CacheVolume cache) {
        return with(new StepDefinition.MountCache(path, cache.volumeName()));
    }

    /**
     * Returns a new container whose later execs get the secret as an environment variable. The value
     * is never written into the image nor into a cache key (only the secret's name is).
     */
    public Container withSecretVariable(String name, Secret secret) {
        return with(new StepDefinition.SecretVariable(name, secret.value()));
    }

    /**
     * Returns a new container whose later execs see the secret as a read-only file at {@code path}.
     * The value lives in a volume outside the container's layer, so it never reaches the image; an
     * empty mount point may remain at {@code path}.
     */
    public Container withMountedSecret(String path, Secret secret) {
        return with(new StepDefinition.MountSecret(path, secret.value()));
    }

    /**
     * Returns a new container whose later execs reach the service by {@code alias}. The service's
     * definition digest (not its address) goes into the cache key of those execs.
     */
    public Container withServiceBinding(String alias, ServiceBinding service) {
        return with(new StepDefinition.BindService(alias, service));
    }

    /** Returns a directory of this container's result, to copy into another container. */
    public Directory directory(String path) {
        return new Directory(new DirectorySource.ContainerDirectory(definition, path, List.of(), List.of()));
    }

    /** Returns a file of this container's result, to copy into another container. */
    public File file(String path) {
        return new File(new FileSource.ContainerFile(definition, path));
    }

    ContainerDefinition definition() {
        return definition;
    }

    private Container with(StepDefinition step) {
        return new Container(definition.with(step));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Container that && definition.equals(that.definition);
    }

    @Override
    public int hashCode() {
        return definition.hashCode();
    }

    @Override
    public String toString() {
        return "Container[from " + definition.baseImage() + ", " + definition.steps().size() + " steps]";
    }
}
