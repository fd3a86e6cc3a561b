package dev.lattice.engine.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths of a running exec container show something other than its image's files. */
class MountPointsTest {

    private final MountPoints mounts = MountPoints.of(ExecContext.empty().withCache("/root/.m2", "m2"), true);

    @Test
    void aPathOverlapsWhenItIsHoldsOrLiesUnderAMountPoint() {
        assertThat(mounts.overlap("/root/.m2")).isTrue();
        assertThat(mounts.overlap("/root/.m2/")).isTrue();
        assertThat(mounts.overlap("/root/.m2/repository")).isTrue();
        assertThat(mounts.overlap("/root")).isTrue();
        assertThat(mounts.overlap("/etc")).isTrue();
        assertThat(mounts.overlap(CaBundle.MOUNT_PATH)).isTrue();
        assertThat(mounts.overlap("/")).isTrue();
    }

    @Test
    void siblingsWithACommonPrefixAndRelativePathsAreTold() {
        assertThat(mounts.overlap("/root/.m2-settings")).isFalse();
        assertThat(mounts.overlap("/out/hello")).isFalse();
        assertThat(mounts.overlap("/etc-backup")).isFalse();
        // A relative path cannot be placed, so it counts as overlapping: the image is read.
        assertThat(mounts.overlap("out/hello")).isTrue();
    }

    @Test
    void theCaBundleCountsOnlyWhenItIsMounted() {
        assertThat(MountPoints.of(ExecContext.empty(), false).overlap(CaBundle.MOUNT_PATH)).isFalse();
    }
}
