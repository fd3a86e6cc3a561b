package dev.lattice.engine.internal;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Collects an exec's stdout (for terminal reads) and the last lines of stdout and stderr combined (for failures). */
final class ExecOutput extends ResultCallback.Adapter<Frame> {

    static final int KEPT_LINES = 50;
    private static final int MAX_STDOUT = 16 * 1024 * 1024;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final StringBuilder partialLine = new StringBuilder();

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        if (frame.getStreamType() != StreamType.STDERR && stdout.size() + payload.length <= MAX_STDOUT) {
            stdout.writeBytes(payload);
        }
        for (char c : new String(payload, StandardCharsets.UTF_8).toCharArray()) {
            if (c == '\n') {
                keep(partialLine.toString());
                partialLine.setLength(0);
            } else if (c != '\r') {
                partialLine.append(c);
            }
        }
    }

    synchronized byte[] stdout() {
        return stdout.toByteArray();
    }

    synchronized List<String> lastLines() {
        List<String> lines = new ArrayList<>(lastLines);
        if (partialLine.length() > 0) {
            lines.add(partialLine.toString());
        }
        return lines.size() > KEPT_LINES ? lines.subList(lines.size() - KEPT_LINES, lines.size()) : lines;
    }

    private void keep(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
        }
    }
}
