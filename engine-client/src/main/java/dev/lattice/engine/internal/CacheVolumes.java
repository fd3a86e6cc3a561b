package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import dev.lattice.engine.RunLabels;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Creates the cache volumes execs mount, once per JVM each: they outlive the run, labelled with their creation. */
final class CacheVolumes {

    private static final Set<String> KNOWN_VOLUMES = ConcurrentHashMap.newKeySet();

    private final DockerClient docker;
    private final RunLabels labels;

    CacheVolumes(DockerClient docker, RunLabels labels) {
        this.docker = docker;
        this.labels = labels;
    }

    /** Makes sure the volume exists. */
    void ensure(String volume) {
        if (KNOWN_VOLUMES.contains(volume)) {
            return;
        }
        // Creating an existing volume returns it unchanged, so concurrent runs need no coordination.
        Map<String, String> volumeLabels = labels.forKind("cache-volume");
        volumeLabels.put(StepImages.CREATED_LABEL, Long.toString(System.currentTimeMillis()));
        docker.createVolumeCmd().withName(volume).withLabels(volumeLabels).exec();
        KNOWN_VOLUMES.add(volume);
    }
}
