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

    /** Returns what {@code visitor} makes of this step: the one place each kind of step is told apart. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Something done with each kind of step. A new kind of step adds a method here, so every visitor must say what it
     * does with it.
     *
     * @param <R> what the visitor makes of a step
     */
    interface Visitor<R> {
        /** Visits an exec. */
        R visit(Exec step);

        /** Visits a file copy. */
        R visit(CopyFile step);

        /** Visits a directory copy. */
        R visit(CopyDirectory step);

        /** Visits an environment variable of the image. */
        R visit(SetEnv step);

        /** Visits a working directory. */
        R visit(SetWorkdir step);

        /** Visits a user. */
        R visit(SetUser step);

        /** Visits an entrypoint. */
        R visit(SetEntrypoint step);

        /** Visits default arguments. */
        R visit(SetDefaultArgs step);

        /** Visits a health check. */
        R visit(SetHealthcheck step);

        /** Visits an exposed port. */
        R visit(ExposePort step);

        /** Visits an image label. */
        R visit(SetLabel step);

        /** Visits a cache mount. */
        R visit(MountCache step);

        /** Visits a secret variable. */
        R visit(SecretVariable step);

        /** Visits a secret file. */
        R visit(MountSecret step);

        /** Visits a service binding. */
        R visit(BindService step);
    }

    /** Runs a command. */
    record Exec(List<String> args, Map<String, String> execEnv, List<Integer> acceptedExitCodes,
                CachePolicy cachePolicy) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Copies one file to a path (relative paths resolve against the working directory). */
    record CopyFile(String path, FileSource source) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Copies a directory's content to a path (relative paths resolve against the working directory). */
    record CopyDirectory(String path, DirectorySource source) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets an environment variable of the image. */
    record SetEnv(String name, String value) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets the working directory of the image and of later execs. */
    record SetWorkdir(String path) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets the user of the image and of later execs. */
    record SetUser(String user) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets the image's entrypoint. */
    record SetEntrypoint(List<String> args) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets the image's default arguments. */
    record SetDefaultArgs(List<String> args) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets the image's health check. */
    record SetHealthcheck(ImageConfig.Healthcheck healthcheck) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Declares an exposed TCP port. */
    record ExposePort(int port) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Sets an image label. */
    record SetLabel(String key, String value) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Mounts a persistent cache volume during later execs; never part of a key or of the image. */
    record MountCache(String path, String volumeName) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Gives later execs an environment variable whose value is secret. */
    record SecretVariable(String name, SecretValue secret) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Mounts a secret as a file during later execs. */
    record MountSecret(String path, SecretValue secret) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Lets later execs reach a running service by alias. */
    record BindService(String alias, ServiceBinding service) implements StepDefinition {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
