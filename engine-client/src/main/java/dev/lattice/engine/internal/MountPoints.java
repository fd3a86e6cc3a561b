package dev.lattice.engine.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The paths where a running exec container shows something other than its image's files: what the
 * engine mounts into every container, the CA bundle, cache volumes and secret files. A copy into
 * the running container must not land there, and a read from it must not take files from there.
 *
 * @param paths absolute paths
 */
record MountPoints(List<String> paths) {

    private static final List<String> ENGINE = List.of("/proc", "/sys", "/dev", "/etc/hosts", "/etc/hostname",
            "/etc/resolv.conf");

    MountPoints {
        paths = List.copyOf(paths);
    }

    /** Returns the mount points of an exec container made for {@code context}. */
    static MountPoints of(ExecContext context, boolean caMounted) {
        List<String> paths = new ArrayList<>(ENGINE);
        if (caMounted) {
            paths.add(CaBundle.MOUNT_PATH);
        }
        paths.addAll(context.cacheMounts().keySet());
        paths.addAll(context.secretFiles().keySet());
        return new MountPoints(paths);
    }

    /** Returns whether {@code path} is, holds or lies under a mount point; a relative path counts as overlapping. */
    boolean overlap(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!normalized.startsWith("/") || normalized.equals("/")) {
            return true;
        }
        return paths.stream().anyMatch(mount -> mount.equals(normalized) || mount.startsWith(normalized + "/")
                || normalized.startsWith(mount + "/"));
    }
}
