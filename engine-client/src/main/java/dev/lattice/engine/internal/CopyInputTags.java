package dev.lattice.engine.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Image;
import dev.lattice.engine.RunLabels;

import java.util.UUID;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short-lived tags by which an in-engine copy names its parent and source images (a Dockerfile names images, not
 * ids). A tag says which host and process made it, so that what a killed process left (a tag keeps its image from
 * being pruned) is removed by the next run's sweep on that host, while other processes' tags stay.
 */
public final class CopyInputTags {

    static final String REPOSITORY = "lattice-copy-input";
    private static final Pattern TAG = Pattern.compile("h([0-9a-f]{8})-p(\\d+)-[0-9a-f-]+-(?:parent|source)");

    private final String hostHash;
    private final long pid;

    CopyInputTags(RunLabels labels) {
        this(labels.host(), labels.pid());
    }

    CopyInputTags(String host, long pid) {
        this.hostHash = hostHash(host);
        this.pid = pid;
    }

    /** A fresh pair of references, for one copy's parent and source. */
    Pair next() {
        String token = "h" + hostHash + "-p" + pid + "-" + UUID.randomUUID();
        return new Pair(REPOSITORY + ":" + token + "-parent", REPOSITORY + ":" + token + "-source");
    }

    /**
     * Removes the copy-input tags that processes of this host which no longer run left behind.
     *
     * @param docker the engine
     * @param labels this process's labels, which name the host
     * @param dead whether the process of a pid no longer runs
     */
    public static void sweep(DockerClient docker, RunLabels labels, LongPredicate dead) {
        String host = hostHash(labels.host());
        for (Image image : docker.listImagesCmd().withImageNameFilter(REPOSITORY).exec()) {
            if (image.getRepoTags() == null) {
                continue;
            }
            for (String reference : image.getRepoTags()) {
                if (!reference.startsWith(REPOSITORY + ":")) {
                    continue;
                }
                Matcher tag = TAG.matcher(reference.substring(REPOSITORY.length() + 1));
                if (tag.matches() && tag.group(1).equals(host) && dead.test(Long.parseLong(tag.group(2)))) {
                    ImageRemoval.quietly(docker, reference, true);
                }
            }
        }
    }

    private static String hostHash(String host) {
        return ContentDigest.of(host).substring(0, 8);
    }

    /** The references of one copy's parent and source. */
    record Pair(String parent, String source) {
    }
}
