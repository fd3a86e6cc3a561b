package dev.lattice.engine.internal;

import dev.lattice.engine.CachePolicy;
import dev.lattice.engine.ServiceBinding;

import java.util.List;
import java.util.Map;

/**
 * One immutable instruction of a container definition, in the order the user declared it.
 * Filesystem instructions (exec, copies) become cached layers; the others change the image
 * configuration or what the following execs see.
 */
public sealed interface StepDefinition {

    /** Runs a command. */
    record Exec(List<String> args, Map<String, String> execEnv, List<Integer> acceptedExitCodes,
                CachePolicy cachePolicy) implements StepDefinition { }

    /** Copies one file to a path (relative paths resolve against the working directory). */
    record CopyFile(String path, FileSource source) implements StepDefinition { }

    /** Copies a directory's content to a path (relative paths resolve against the working directory). */
    record CopyDirectory(String path, DirectorySource source) implements StepDefinition { }

    /** Sets an environment variable of the image. */
    record SetEnv(String name, String value) implements StepDefinition { }

    /** Sets the working directory of the image and of later execs. */
    record SetWorkdir(String path) implements StepDefinition { }

    /** Sets the user of the image and of later execs. */
    record SetUser(String user) implements StepDefinition { }

    /** Sets the image's entrypoint. */
    record SetEntrypoint(List<String> args) implements StepDefinition { }

    /** Sets the image's default arguments. */
    record SetDefaultArgs(List<String> args) implements StepDefinition { }

    /** Sets the image's health check. */
    record SetHealthcheck(ImageConfig.Healthcheck healthcheck) implements StepDefinition { }

    /** Declares an exposed TCP port. */
    record ExposePort(int port) implements StepDefinition { }

    /** Sets an image label. */
    record SetLabel(String key, String value) implements StepDefinition { }

    /** Mounts a persistent cache volume during later execs; never part of a key or of the image. */
    record MountCache(String path, String volumeName) implements StepDefinition { }

    /** Gives later execs an environment variable whose value is secret. */
    record SecretVariable(String name, SecretValue secret) implements StepDefinition { }

    /** Mounts a secret as a file during later execs. */
    record MountSecret(String path, SecretValue secret) implements StepDefinition { }

    /** Lets later execs reach a running service by alias. */
    record BindService(String alias, ServiceBinding service) implements StepDefinition { }
}
