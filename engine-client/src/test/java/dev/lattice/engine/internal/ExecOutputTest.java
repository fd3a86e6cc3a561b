package dev.lattice.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What an exec's output keeps when it is longer than the limits. */
class ExecOutputTest {

    private static final int LIMIT = 16 * 1024 * 1024;

    @Test
    void stdoutOverTheLimitKeepsItsHeadAndItsTailAndSaysHowMuchWasCut() {
        ExecOutput output = new ExecOutput();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        // Numbered lines in frames of varied sizes, one of them crossing the limit, then more after it.
        int line = 0;
        while (sent.size() < LIMIT + 3 * 1024 * 1024) {
            StringBuilder frame = new StringBuilder();
            int size = sent.size() > 9 * 1024 * 1024 && sent.size() < 10 * 1024 * 1024 ? 7 * 1024 * 1024 : 64 * 1024;
            while (frame.length() < size) {
                frame.append("line ").append(line++).append('\n');
            }
            byte[] bytes = frame.toString().getBytes(StandardCharsets.UTF_8);
            sent.writeBytes(bytes);
            output.onNext(new Frame(StreamType.STDOUT, bytes));
        }
        byte[] all = sent.toByteArray();

        byte[] kept = output.stdout();

        int cut = all.length - LIMIT;
        byte[] marker = ("\n[" + cut + " bytes of output cut here]\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOfRange(kept, 0, LIMIT / 2)).isEqualTo(Arrays.copyOfRange(all, 0, LIMIT / 2));
        assertThat(Arrays.copyOfRange(kept, LIMIT / 2, LIMIT / 2 + marker.length)).isEqualTo(marker);
        assertThat(Arrays.copyOfRange(kept, LIMIT / 2 + marker.length, kept.length))
                .isEqualTo(Arrays.copyOfRange(all, all.length - LIMIT / 2, all.length));
        assertThat(output.lastLines()).last().isEqualTo("line " + (line - 1));
    }

    @Test
    void stdoutWithinTheLimitIsKeptWholeWithoutStderr() {
        ExecOutput output = new ExecOutput();
        output.onNext(new Frame(StreamType.STDOUT, "out 1\n".getBytes(StandardCharsets.UTF_8)));
        output.onNext(new Frame(StreamType.STDERR, "err\n".getBytes(StandardCharsets.UTF_8)));
        output.onNext(new Frame(StreamType.STDOUT, "out 2".getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(output.stdout(), StandardCharsets.UTF_8)).isEqualTo("out 1\nout 2");
        assertThat(output.lastLines()).containsExactly("out 1", "err", "out 2");
    }

    @Test
    void aCharacterSplitAcrossFramesAndAnEndlessLineReadWhole() {
        ExecOutput output = new ExecOutput();
        byte[] accented = "caf\u00e9\n".getBytes(StandardCharsets.UTF_8);
        output.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(accented, 0, 4)));
        output.onNext(new Frame(StreamType.STDOUT, Arrays.copyOfRange(accented, 4, accented.length)));
        output.onNext(new Frame(StreamType.STDERR, "x".repeat(100_000).getBytes(StandardCharsets.UTF_8)));

        assertThat(output.lastLines()).containsExactly("caf\u00e9",
                "x".repeat(ExecOutput.MAX_LINE_BYTES) + " [line cut at " + ExecOutput.MAX_LINE_BYTES + " bytes]");
    }
}
