package dev.lattice.engine;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The labels that identify Lattice and one run on every container, image, network and volume it
 * creates: {@code dev.lattice.managed=true}, {@code dev.lattice.run}, {@code dev.lattice.host},
 * {@code dev.lattice.pid} and {@code dev.lattice.kind}. Immutable.
 */
public final class RunLabels {

    /** Marks everything Lattice creates. */
    public static final String MANAGED = "dev.lattice.managed";
    /** The run's id. */
    public static final String RUN = "dev.lattice.run";
    /** The host name of the machine whose JVM created it. */
    public static final String HOST = "dev.lattice.host";
    /** The process id of the JVM that created it. */
    public static final String PID = "dev.lattice.pid";
    /** What it is: step, cache, cache-volume, secret, ca, service, network... */
    public static final String KIND = "dev.lattice.kind";

    private static final RunLabels CURRENT = new RunLabels(
            System.getProperty("lattice.run.id", UUID.randomUUID().toString().substring(0, 12)));

    private final String runId;
    private final String host;
    private final long pid;

    private RunLabels(String runId) {
        this.runId = runId;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
    }

    /** Returns the labels of this JVM's run (run id from {@code lattice.run.id}, or random). */
    public static RunLabels current() {
        return CURRENT;
    }

    /** Returns labels for another run id in this JVM. */
    public static RunLabels withRunId(String runId) {
        return new RunLabels(runId);
    }

    /** Returns the run id. */
    public String runId() {
        return runId;
    }

    /** Returns the host name recorded in {@link #HOST}. */
    public String host() {
        return host;
    }

    /** Returns the process id recorded in {@link #PID}. */
    public long pid() {
        return pid;
    }

    /** Returns the full label set for something of the given kind, in a new mutable map. */
    public Map<String, String> forKind(String kind) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(RUN, runId);
        labels.put(HOST, host);
        labels.put(PID, Long.toString(pid));
        labels.put(KIND, kind);
        return labels;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception unknown) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "RunLabels[run=" + runId + ", host=" + host + ", pid=" + pid + "]";
    }
}
