package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code comes from compiled code: every block marked {@code <!-- snippet: FILE#TAG -->} must equal the
 * lines between {@code // tag::TAG[]} and {@code // end::TAG[]} of that file, so the front door cannot drift.
 */
class ReadmeSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\R```java\\R(.*?)```", Pattern.DOTALL);

    @Test
    void everyReadmeSnippetIsTheTaggedCodeOfAnExampleFile() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher snippet = SNIPPET.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (snippet.find()) {
            String tagged = tagged(Path.of(snippet.group(1)), snippet.group(2));
            assertThat(snippet.group(3)).as("README snippet %s#%s", snippet.group(1), snippet.group(2))
                    .isEqualTo(tagged);
            checked.add(snippet.group(2));
        }
        assertThat(checked).as("snippets in the README").contains("pipelines", "matrix", "unit-tests");
    }

    private static String tagged(Path file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf("// tag::" + tag + "[]");
        int end = lines.indexOf("// end::" + tag + "[]");
        assertThat(start).as("// tag::%s[] in %s", tag, file).isNotNegative();
        assertThat(end).as("// end::%s[] in %s", tag, file).isGreaterThan(start);
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }
}
