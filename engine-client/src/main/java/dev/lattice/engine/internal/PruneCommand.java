package dev.lattice.engine.internal;

import dev.lattice.engine.Engine;
import dev.lattice.engine.PrunePolicy;
import dev.lattice.engine.PruneResult;

/**
 * Command line for pruning the cache:
 * {@code mvn -q -pl engine-client exec:java -Dexec.mainClass=dev.lattice.engine.internal.PruneCommand
 * -Dexec.args="--unused-for 7d [--size-budget 20g]"}. Also sweeps leftovers of killed runs on this host.
 */
public final class PruneCommand {

    private PruneCommand() {
    }

    /** Parses the arguments, prunes, and prints what was removed. */
    public static void main(String[] args) {
        PrunePolicy policy;
        try {
            policy = PrunePolicy.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.exit(2);
            return;
        }
        try (Engine engine = Engine.builder().noExtraCaCertificates().build()) {
            new LeftoverSweeper(DockerConnection.testcontainersClient(), engine.runLabels()).sweep();
            PruneResult result = engine.prune(policy);
            result.removedImages().forEach(image -> System.out.println("removed image " + image));
            result.removedVolumes().forEach(volume -> System.out.println("removed volume " + volume));
            System.out.printf("Pruned %d cache images (about %d MB) and %d cache volumes%n",
                    result.removedImages().size(), result.reclaimedBytes() >> 20, result.removedVolumes().size());
        }
    }
}
