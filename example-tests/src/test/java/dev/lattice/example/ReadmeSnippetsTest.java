package dev.lattice.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import dev.lattice.engine.internal.RegistryCacheSettings;
import dev.lattice.junit.internal.Shard;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The README's code comes from compiled code and real build files, so the front door cannot drift: every block
 * marked {@code <!-- snippet: FILE#TAG -->} must equal the lines between {@code // tag::TAG[]} and
 * {@code // end::TAG[]} of that file; the Maven and Gradle blocks marked {@code <!-- checked: ... -->} must name
 * the artifacts, version and Surefire settings of Lattice's poms; the imports block must hold every import the
 * Java snippets need; the registry cache's CI recipes use only settings Lattice reads, with values it accepts, and
 * run the Quick start's example command; the "all tests" command is what {@code .ci/run} runs.
 */
class ReadmeSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\R```java\\R(.*?)```", Pattern.DOTALL);
    private static final Path ROOT = Path.of("..");
    private static final List<String> LIBRARY_MODULES = List.of("engine-client", "service-containers",
            "junit-extension");

    private final String readme = read(ROOT.resolve("README.md"));

    @Test
    void everyReadmeSnippetIsTheTaggedCodeOfAnExampleFile() throws IOException {
        Matcher snippet = SNIPPET.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (snippet.find()) {
            String tagged = tagged(Path.of(snippet.group(1)), snippet.group(2));
            assertThat(snippet.group(3)).as("README snippet %s#%s", snippet.group(1), snippet.group(2))
                    .isEqualTo(tagged);
            checked.add(snippet.group(2));
        }
        assertThat(checked).as("snippets in the README").contains("pipelines", "matrix", "unit-tests", "first-test");
    }

    @Test
    void theBomManagesExactlyLatticesArtifactsAtTheParentsVersion() {
        Element bom = pom(ROOT.resolve("bom/pom.xml"));
        assertThat(child(bom, "parent")).as("the BOM's parent (its dependency management would reach users)")
                .isNull();
        assertThat(text(bom, "version")).as("lattice-bom's version").isEqualTo(latticeVersion());

        Set<String> managed = new TreeSet<>();
        for (Element dependency : managedDependencies(bom)) {
            assertThat(text(dependency, "groupId")).as("a groupId the BOM manages").isEqualTo("dev.lattice");
            assertThat(text(dependency, "version")).isEqualTo("${project.version}");
            managed.add(text(dependency, "artifactId"));
        }
        assertThat(managed).as("artifacts lattice-bom manages").isEqualTo(libraryArtifacts());
    }

    @Test
    void theReadmesMavenSnippetImportsTheBomAndAddsTheExtension() {
        Element snippet = xml(checkedBlock("Maven coordinates", "xml"));
        Map<String, Element> lattice = new LinkedHashMap<>();
        for (Element dependency : descendants(snippet, "dependency")) {
            if ("dev.lattice".equals(text(dependency, "groupId"))) {
                lattice.put(text(dependency, "artifactId"), dependency);
            }
        }
        assertThat(lattice).as("Lattice artifacts in the README's Maven snippet")
                .containsOnlyKeys("lattice-bom", "lattice-junit-extension");

        Element bom = lattice.get("lattice-bom");
        assertThat(((Element) bom.getParentNode().getParentNode()).getTagName()).isEqualTo("dependencyManagement");
        assertThat(text(bom, "version")).as("the BOM's version in the README").isEqualTo(latticeVersion());
        assertThat(text(bom, "type")).isEqualTo("pom");
        assertThat(text(bom, "scope")).isEqualTo("import");

        Element extension = lattice.get("lattice-junit-extension");
        assertThat(text(extension, "version")).as("the extension's version (the BOM's job)").isNull();
        assertThat(text(extension, "scope")).isEqualTo("test");
    }

    @Test
    void theReadmesSurefireSnippetHasTheParentPomsSettings() {
        Element snippet = xml(checkedBlock("Surefire settings", "xml"));
        Element parentSurefire = surefireConfiguration(pom(ROOT.resolve("pom.xml")));
        Element readmeSurefire = descendants(snippet, "configuration").get(0);

        Element parentReporter = child(parentSurefire, "statelessTestsetReporter");
        Element readmeReporter = child(readmeSurefire, "statelessTestsetReporter");
        assertThat(readmeReporter.getAttribute("implementation")).isEqualTo(parentReporter.getAttribute("implementation"));
        assertThat(text(readmeReporter, "usePhrasedTestCaseMethodName")).isEqualTo("true")
                .isEqualTo(text(parentReporter, "usePhrasedTestCaseMethodName"));
        assertThat(values(child(readmeSurefire, "environmentVariables")))
                .as("the Testcontainers variables in the README")
                .isEqualTo(values(child(parentSurefire, "environmentVariables")));
    }

    @Test
    void theReadmesGradleSnippetNamesLatticesArtifacts() {
        Matcher coordinate = Pattern.compile("\"dev\\.lattice:([^:\"]+)(?::([^\"]+))?\"")
                .matcher(checkedBlock("Gradle coordinates", "kotlin"));
        Map<String, String> found = new LinkedHashMap<>();
        while (coordinate.find()) {
            found.put(coordinate.group(1), coordinate.group(2));
        }
        assertThat(found).as("Lattice coordinates in the README's Gradle snippet")
                .containsEntry("lattice-bom", latticeVersion())
                .containsEntry("lattice-junit-extension", null)
                .hasSize(2);
    }

    @Test
    void theReadmesImportsCoverEverySnippetAndNameRealClasses() throws Exception {
        Set<String> listed = new TreeSet<>();
        for (String line : checkedBlock("imports of this README's snippets", "java").split("\\R")) {
            if (!line.isBlank()) {
                listed.add(line.replaceAll("\\s*//.*$", "").strip());
            }
        }
        for (String line : listed) {
            String type = line.replaceFirst("^import (static )?", "").replaceFirst(";$", "");
            Class.forName(line.startsWith("import static") ? type.substring(0, type.lastIndexOf('.')) : type);
        }

        Matcher snippet = SNIPPET.matcher(readme);
        while (snippet.find()) {
            if (snippet.group(3).contains("import ")) {
                continue; // a snippet that shows its own imports
            }
            for (String line : Files.readAllLines(Path.of(snippet.group(1)))) {
                if (line.startsWith("import ") && !line.contains("dev.lattice.example.")) {
                    assertThat(listed).as("the README's imports, for %s", snippet.group(1)).contains(line);
                }
            }
        }
    }

    @Test
    void everyConsumerBuildAddsLatticeAsTheReadmeSays() throws IOException {
        List<Path> consumers;
        try (var listing = Files.list(Path.of("consumers"))) {
            consumers = listing.filter(dir -> Files.exists(dir.resolve("pom.xml"))).sorted().toList();
        }
        assertThat(consumers).as("consumer builds").hasSizeGreaterThanOrEqualTo(3);
        Element readmeSurefire = descendants(xml(checkedBlock("Surefire settings", "xml")), "configuration").get(0);
        for (Path consumer : consumers) {
            Element pom = pom(consumer.resolve("pom.xml"));
            Element bom = managedDependencies(pom).stream()
                    .filter(dependency -> "lattice-bom".equals(text(dependency, "artifactId")))
                    .findFirst().orElse(null);
            assertThat(bom).as("lattice-bom imported by %s", consumer).isNotNull();
            assertThat(text(bom, "scope")).isEqualTo("import");
            Element extension = descendants(child(pom, "dependencies"), "dependency").stream()
                    .filter(dependency -> "lattice-junit-extension".equals(text(dependency, "artifactId")))
                    .findFirst().orElse(null);
            assertThat(extension).as("lattice-junit-extension in %s", consumer).isNotNull();
            assertThat(text(extension, "version")).as("its version in %s (the BOM's job)", consumer).isNull();
            assertThat(text(extension, "scope")).isEqualTo("test");

            Element surefire = surefireConfiguration(pom);
            assertThat(child(surefire, "statelessTestsetReporter").getAttribute("implementation"))
                    .as("the XML reporter of %s", consumer)
                    .isEqualTo(child(readmeSurefire, "statelessTestsetReporter").getAttribute("implementation"));
            assertThat(values(child(surefire, "environmentVariables"))).as("Surefire's variables in %s", consumer)
                    .isEqualTo(values(child(readmeSurefire, "environmentVariables")));
        }
    }

    @Test
    void theAllTestsCommandIsWhatCiRuns() {
        List<String> readme = List.of(quickStartCommand("# Run every test of every module").split(" && "));
        List<String> ci = read(ROOT.resolve(".ci/run")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("set ")
                        && !line.startsWith("cd "))
                .toList();
        assertThat(ci).as("the commands of .ci/run (after its set-up lines)").isEqualTo(readme);
    }

    @Test
    void theRegistryCacheRecipesUseOnlySettingsLatticeReadsWithValuesItAccepts() {
        Map<String, String> registrySettings = new LinkedHashMap<>();
        for (String name : List.of(RegistryCacheSettings.REGISTRY, RegistryCacheSettings.MODE,
                RegistryCacheSettings.REQUIRED, RegistryCacheSettings.VOLUME_MAX_MB)) {
            registrySettings.put(name, environmentVariable(name));
        }
        assertThat(registrySettingsTable()).as("the README's table of registry cache settings")
                .isEqualTo(registrySettings);

        String exampleCommand = quickStartCommand("# Run the example matrix").split(" && ", 2)[1];
        Map<String, String> recipes = Map.of(
                "GitHub Actions", checkedBlock("registry cache on GitHub Actions", "yaml"),
                "plain shell", checkedBlock("registry cache in plain shell", "bash"));
        recipes.forEach((name, recipe) -> {
            Set<String> properties = matches("-D(lattice\\.[a-z.-]+)=", recipe);
            assertThat(properties).as("-D settings of the %s recipe", name).containsOnly(Shard.PARAMETER);
            Set<String> variables = matches("\\b(LATTICE_[A-Z_]+)\\b", recipe);
            assertThat(variables).as("environment variables of the %s recipe", name)
                    .containsExactlyInAnyOrder(registrySettings.get(RegistryCacheSettings.REGISTRY),
                            registrySettings.get(RegistryCacheSettings.MODE));
            assertThat(recipe).as("the %s recipe runs the Quick start's example command", name)
                    .contains(exampleCommand + " -D" + Shard.PARAMETER + "=");
            assertThat(matches("-D" + Pattern.quote(Shard.PARAMETER) + "=(?:\\$\\{\\{[^}]*}}|[^\\s/]+)/(\\d+)", recipe))
                    .as("shard counts of the %s recipe", name).containsExactly("4");

            // The values the recipe gives are ones Lattice accepts, in each mode it may set.
            String location = value(recipe, registrySettings.get(RegistryCacheSettings.REGISTRY));
            Set<String> modes = matches("'(\\w+)'", value(recipe, registrySettings.get(RegistryCacheSettings.MODE)));
            for (String mode : modes.isEmpty() ? Set.of("readwrite", "read") : modes) {
                Map<String, String> parameters = Map.of(RegistryCacheSettings.REGISTRY, location,
                        RegistryCacheSettings.MODE, mode);
                assertThat(RegistryCacheSettings.from(key -> Optional.ofNullable(parameters.get(key))))
                        .as("%s's settings %s", name, parameters)
                        .hasValueSatisfying(settings -> assertThat(settings.location()).isEqualTo(location));
            }
        });
        assertThat(matches("'(\\w+)'", value(recipes.get("GitHub Actions"),
                registrySettings.get(RegistryCacheSettings.MODE))))
                .as("modes the GitHub Actions recipe sets").containsExactlyInAnyOrder("readwrite", "read");
        assertThat(matches("shard: \\[([0-9, ]+)]", recipes.get("GitHub Actions")))
                .as("the GitHub Actions recipe's shards").containsExactly("1, 2, 3, 4");
    }

    /** The environment variable a setting is also read from: {@code lattice.cache.registry} -> {@code LATTICE_CACHE_REGISTRY}. */
    private static String environmentVariable(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Parameter -> environment variable, from the rows of the README's table that name a registry setting. */
    private Map<String, String> registrySettingsTable() {
        Matcher row = Pattern.compile("(?m)^\\| `(lattice\\.cache\\.registry[a-z.-]*)` \\| `([A-Z_]+)` \\|").matcher(readme);
        Map<String, String> table = new LinkedHashMap<>();
        while (row.find()) {
            table.put(row.group(1), row.group(2));
        }
        return table;
    }

    /** The value a recipe gives an environment variable: {@code NAME: value} (YAML) or {@code export NAME=value}. */
    private static String value(String recipe, String variable) {
        Matcher assignment = Pattern.compile("(?m)^\\s*(?:export )?" + variable + "[:=] ?(.*?)\\s*(?:#.*)?$")
                .matcher(recipe);
        assertThat(assignment.find()).as("%s set in the recipe", variable).isTrue();
        return assignment.group(1).replaceAll("^\"|\"$", "");
    }

    private static Set<String> matches(String regex, String text) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        Set<String> found = new TreeSet<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /** The command on the line after the comment that starts with {@code comment}, in the Quick start's block. */
    private String quickStartCommand(String comment) {
        List<String> lines = readme.lines().toList();
        for (int at = 0; at < lines.size() - 1; at++) {
            if (lines.get(at).startsWith(comment)) {
                return lines.get(at + 1);
            }
        }
        throw new AssertionError("No README line starts with \"" + comment + "\"");
    }

    private String checkedBlock(String what, String language) {
        Matcher block = Pattern.compile("<!-- checked: " + Pattern.quote(what) + " \\(ReadmeSnippetsTest\\) -->\\R```"
                + language + "\\R(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README block \"checked: %s\"", what).isTrue();
        return block.group(1);
    }

    private static String latticeVersion() {
        return text(pom(ROOT.resolve("pom.xml")), "version");
    }

    private static Set<String> libraryArtifacts() {
        Set<String> artifacts = new TreeSet<>();
        for (String module : LIBRARY_MODULES) {
            Element pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            assertThat(text(child(pom, "parent"), "version")).as("%s's parent version", module)
                    .isEqualTo(latticeVersion());
            artifacts.add(text(pom, "artifactId"));
        }
        return artifacts;
    }

    private static Element surefireConfiguration(Element pom) {
        return descendants(pom, "plugin").stream()
                .filter(plugin -> "maven-surefire-plugin".equals(text(plugin, "artifactId")))
                .map(plugin -> child(plugin, "configuration"))
                .findFirst().orElseThrow();
    }

    private static List<Element> managedDependencies(Element pom) {
        Element management = child(pom, "dependencyManagement");
        return management == null ? List.of() : descendants(management, "dependency");
    }

    private static String tagged(Path file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int start = lines.indexOf("// tag::" + tag + "[]");
        int end = lines.indexOf("// end::" + tag + "[]");
        assertThat(start).as("// tag::%s[] in %s", tag, file).isNotNegative();
        assertThat(end).as("// end::%s[] in %s", tag, file).isGreaterThan(start);
        return String.join("\n", lines.subList(start + 1, end)) + "\n";
    }

    private static Element pom(Path file) {
        return xml(read(file));
    }

    /** Parses XML; a README fragment with several top-level elements is wrapped in one. */
    private static Element xml(String text) {
        try {
            String body = text.strip().startsWith("<?xml") ? text : "<fragment>" + text + "</fragment>";
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(body)));
            return document.getDocumentElement();
        } catch (Exception invalid) {
            throw new AssertionError("Not well-formed XML: " + invalid.getMessage() + "\n" + text, invalid);
        }
    }

    private static List<Element> descendants(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static List<Element> children(Element element) {
        List<Element> found = new ArrayList<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                found.add(child);
            }
        }
        return found;
    }

    /** Each child element's name and text, e.g. the variables of {@code environmentVariables}. */
    private static Map<String, String> values(Element element) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element child : children(element)) {
            values.put(child.getTagName(), child.getTextContent().strip());
        }
        return values;
    }

    private static Element child(Element element, String tag) {
        return children(element).stream().filter(child -> child.getTagName().equals(tag)).findFirst().orElse(null);
    }

    /** The text of a direct child element; {@code null} when there is none. */
    private static String text(Element element, String tag) {
        Element child = child(element, tag);
        return child == null ? null : child.getTextContent().strip();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException failed) {
            throw new AssertionError("Cannot read " + file, failed);
        }
    }
}
