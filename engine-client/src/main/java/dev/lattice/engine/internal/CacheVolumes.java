package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.lattice.engine.RunLabels;
import dev.lattice.engine.spi.OncePerKey;

import java.util.Map;

/**
 * Creates the cache volumes execs mount, once per JVM and engine each: they outlive the run, labelled with their
 * creation. A volume the engine does not have yet starts from the registry cache's copy when there is one; users
 * of a volume that is being made wait for it, so that it is imported once.
 */
final class CacheVolumes {

    // Engine id and volume name: two engines of one JVM (two CI runners in a test) each need their own.
    private static final OncePerKey<Boolean> KNOWN_VOLUMES = new OncePerKey<>();

    private final DockerClient docker;
    private final RunLabels labels;
    private final String engineId;
    private final RegistryCache registry;

    CacheVolumes(DockerClient docker, RunLabels labels, String engineId, RegistryCache registry) {
        this.docker = docker;
        this.labels = labels;
        this.engineId = engineId;
        this.registry = registry;
    }

    /** Makes sure the volume exists. */
    void ensure(String volume) {
        KNOWN_VOLUMES.get(engineId + "|" + volume, () -> {
            Map<String, String> volumeLabels = labels.forKind("cache-volume");
            volumeLabels.put(StepImages.CREATED_LABEL, Long.toString(System.currentTimeMillis()));
            if (!registry.configured() || exists(volume) || !registry.importVolume(volume, volumeLabels)) {
                // Creating an existing volume returns it unchanged, so concurrent runs need no coordination.
                docker.createVolumeCmd().withName(volume).withLabels(volumeLabels).exec();
            }
            return true;
        });
    }

    private boolean exists(String volume) {
        try {
            docker.inspectVolumeCmd(volume).exec();
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }
}
