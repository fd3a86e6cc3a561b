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

/**
 * Collects an exec's stdout (for terminal reads) and the last lines of stdout and stderr combined (for failures).
 * Stdout beyond the limit keeps its head and its tail, contiguous each, with a line saying how much was cut
 * between them.
 */
final class ExecOutput extends ResultCallback.Adapter<Frame> {

    static final int KEPT_LINES = 50;
    /** A longer line keeps its start, so a step that prints without newlines cannot fill the memory. */
    static final int MAX_LINE_BYTES = 4096;
    private static final int MAX_STDOUT = 16 * 1024 * 1024;

    private final int headLimit;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private final byte[] tail;
    private long tailWritten;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
    private boolean partialLineCut;

    ExecOutput() {
        this(MAX_STDOUT);
    }

    /** Keeps at most {@code maxStdout} bytes of stdout: half from its start, half from its end. */
    private ExecOutput(int maxStdout) {
        this.headLimit = maxStdout / 2;
        this.tail = new byte[maxStdout - headLimit];
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        if (frame.getStreamType() != StreamType.STDERR) {
            keepStdout(payload);
        }
        for (byte b : payload) {
            if (b == '\n') {
                keep(lineText());
                partialLine.reset();
                partialLineCut = false;
            } else if (b != '\r') {
                if (partialLine.size() < MAX_LINE_BYTES) {
                    partialLine.write(b);
                } else {
                    partialLineCut = true;
                }
            }
        }
    }

    /** Returns stdout; when it was longer than the limit, its head, a line saying how many bytes were cut, its tail. */
    synchronized byte[] stdout() {
        ByteArrayOutputStream all = new ByteArrayOutputStream(head.size() + tail.length + 80);
        all.writeBytes(head.toByteArray());
        long cut = tailWritten - tail.length;
        if (cut > 0) {
            all.writeBytes(("\n[" + cut + " bytes of output cut here]\n").getBytes(StandardCharsets.UTF_8));
        }
        int kept = (int) Math.min(tailWritten, tail.length);
        int start = (int) ((tailWritten - kept) % tail.length);
        for (int i = 0; i < kept; i++) {
            all.write(tail[(start + i) % tail.length]);
        }
        return all.toByteArray();
    }

    synchronized List<String> lastLines() {
        List<String> lines = new ArrayList<>(lastLines);
        if (partialLine.size() > 0) {
            lines.add(lineText());
        }
        return lines.size() > KEPT_LINES ? lines.subList(lines.size() - KEPT_LINES, lines.size()) : lines;
    }

    private void keepStdout(byte[] payload) {
        int toHead = Math.min(payload.length, headLimit - head.size());
        head.write(payload, 0, toHead);
        // What does not fit the head goes round the tail, which then holds the latest bytes.
        for (int i = toHead; i < payload.length && tail.length > 0; i++) {
            tail[(int) (tailWritten % tail.length)] = payload[i];
            tailWritten++;
        }
    }

    // Decoded per line, not per frame: a frame may end inside a multi-byte character.
    private String lineText() {
        String text = partialLine.toString(StandardCharsets.UTF_8);
        return partialLineCut ? text + " [line cut at " + MAX_LINE_BYTES + " bytes]" : text;
    }

    private void keep(String line) {
        lastLines.addLast(line);
        if (lastLines.size() > KEPT_LINES) {
            lastLines.removeFirst();
        }
    }
}
