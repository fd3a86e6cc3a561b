package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.PruneResult;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.LeftoverSweeper;

import java.util.List;
import java.util.Map;

/**
 * Command line for pruning the cache:
 * {@code mvn -q -pl engine-client compile exec:java -Dexec.mainClass=dev.lattice.engine.internal.PruneCommand
 * -Dexec.args="--unused-for 7d [--size-budget 20g] [--keep-last 3] [--dry-run]"}. Also sweeps leftovers of killed
 * runs on this host. It reaches the engine the way Testcontainers finds it (DOCKER_HOST,
 * ~/.testcontainers.properties, the local socket) but starts no helper container, so it needs none of the
 * settings the tests' JVMs get (TESTCONTAINERS_RYUK_DISABLED, TESTCONTAINERS_HOST_OVERRIDE), inside Maven's JVM too.
 */
public final class PruneCommand {

    private PruneCommand() {
    }

    /** Parses the arguments, prunes, and prints what was removed; exits with 2 on wrong arguments. */
    public static void main(String[] args) {
        PrunePolicy policy;
        try {
            policy = PrunePolicy.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.exit(2);
            return;
        }
        boolean dryRun = List.of(args).contains("--dry-run");
        DockerConnection.Connection connection = DockerConnection.testcontainersConnection();
        DockerClient docker = connection.client();
        if (!dryRun) {
            new LeftoverSweeper(docker, RunLabels.current()).sweep();
        }
        PruneResult result = new CachePruner(docker, connection.engineId(), EngineSettings.defaultCacheDir(), Map.of())
                .prune(policy, null, dryRun);
        String verb = dryRun ? "would remove" : "removed";
        result.removedImages().forEach(image -> System.out.println(verb + " image " + image));
        result.removedVolumes().forEach(volume -> System.out.println(verb + " volume " + volume));
        System.out.printf("%s %d cache images (%d MB freed on disk) and %d cache volumes%n",
                dryRun ? "Would prune" : "Pruned", result.removedImages().size(), result.reclaimedBytes() >> 20,
                result.removedVolumes().size());
    }
}
