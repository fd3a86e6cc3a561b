package dev.lattice.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.lattice.engine.RegistryCacheEnvironment.OPEN_REGISTRY;
import static dev.lattice.engine.RegistryCacheEnvironment.engineB;
import static dev.lattice.engine.RegistryCacheEnvironment.engineBDocker;
import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base image named by digest ({@code name@sha256:...}), as runners sharing a registry cache name theirs: the engine
 * that lacks it pulls it by that digest.
 */
class BaseImageByDigestTest {

    @BeforeAll
    static void realParts() {
        RegistryCacheEnvironment.require();
    }

    @Test
    void aBaseImageNamedByDigestIsPulledByIt(@TempDir Path dir) throws Exception {
        DockerClient a = TestEngines.docker();
        String repository = OPEN_REGISTRY + "/" + RegistryCacheEnvironment.prefix() + "/base";
        a.tagImageCmd(BASE, repository, "pinned").exec();
        String byDigest;
        try {
            a.pushImageCmd(repository).withTag("pinned").exec(new ResultCallback.Adapter<PushResponseItem>())
                    .awaitCompletion();
            List<String> digests = a.inspectImageCmd(repository + ":pinned").exec().getRepoDigests();
            byDigest = digests.stream().filter(digest -> digest.startsWith(repository + "@")).findFirst()
                    .orElseThrow(() -> new AssertionError("no digest of " + repository + " after its push: " + digests));
        } finally {
            a.removeImageCmd(repository + ":pinned").withNoPrune(true).exec();
        }
        DockerClient b = engineBDocker();
        String nonce = TestEngines.nonce();
        Engine engine = engineB(dir).build();
        try {
            byte[] seen = engine.readFile("pinned", Container.from(byDigest)
                    .withExec("sh", "-c", "echo " + nonce + " > /nonce"), "/nonce");

            assertThat(new String(seen, StandardCharsets.UTF_8).strip()).isEqualTo(nonce);
            assertThat(b.inspectImageCmd(byDigest).exec().getId()).isEqualTo(a.inspectImageCmd(BASE).exec().getId());
        } finally {
            engine.close();
            RegistryCacheEnvironment.removeFrom(b, Set.of(engine.runLabels().runId()), null);
            try {
                b.removeImageCmd(byDigest).withNoPrune(true).exec();
            } catch (NotFoundException neverPulled) {
                // The assertions above say why.
            }
        }
    }
}
