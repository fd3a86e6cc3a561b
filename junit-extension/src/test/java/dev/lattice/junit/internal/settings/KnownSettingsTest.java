package dev.lattice.junit.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link KnownSettings} stays the list of what Lattice reads: the main sources of every module (code and comments)
 * name no setting it lacks, and it lists none that they do not name. And what Lattice's own builds, scripts, examples
 * and README set is no problem of a run.
 */
class KnownSettingsTest {

    /** The repository: Surefire runs this module's tests in its directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MAIN_SOURCES = List.of("engine-client/src/main/java",
            "service-containers/src/main/java", "junit-extension/src/main/java");
    private static final String OWN_PACKAGE = "dev/lattice/junit/internal/settings/";
    // A name under lattice., not a package (dev.lattice.junit) nor a call on a variable named lattice; a trailing
    // dot marks a prefix that the code completes ("lattice.service." + name + "." + key).
    private static final Pattern NAME = Pattern.compile("(?<![\\w.$])lattice(\\.[a-z0-9][a-z0-9-]*)+\\.?(?![\\w(])");
    // Where a build, script or document sets a setting: -Dname, --config name, "name", `name` or name=value.
    private static final Pattern SET = Pattern.compile(
            "(?:-D|--config |\"|`|^|\\s)(lattice(?:\\.[a-z0-9][a-z0-9-]*)+)(?=[\"=`\\s]|$)", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("LATTICE_[A-Z0-9_]*[A-Z0-9]");

    @Test
    void everyNameTheMainSourcesMentionIsKnown() {
        Map<String, String> unknown = new TreeMap<>();
        // The list itself is left out, and so is its package, whose comments quote misspelled names.
        for (Path file : readers()) {
            Matcher name = NAME.matcher(read(file));
            while (name.find()) {
                String found = name.group();
                boolean known = found.endsWith(".") ? KnownSettings.prefixes().contains(found)
                        : KnownSettings.all().contains(found);
                if (!known) {
                    unknown.put(found, ROOT.relativize(file).toString());
                }
            }
        }
        assertThat(unknown).as("names read or documented in the main sources that KnownSettings lacks (a run"
                + " would refuse them); add each to KnownSettings").isEmpty();
    }

    @Test
    void everyKnownNameIsNamedByTheMainSources() {
        StringBuilder sources = new StringBuilder();
        for (Path file : readers()) {
            sources.append(read(file)).append('\n');
        }
        Set<String> unread = new TreeSet<>();
        for (String name : KnownSettings.all()) {
            String prefix = KnownSettings.prefixes().stream().filter(name::startsWith).findFirst().orElse(name);
            if (!sources.toString().contains(prefix.equals(name) ? name : "\"" + prefix + "\"")) {
                unread.add(name);
            }
        }
        assertThat(unread).as("settings KnownSettings lists that no main source names (a run would accept them"
                + " silently); remove each from KnownSettings").isEmpty();
    }

    @Test
    void whatLatticesOwnBuildsScriptsExamplesAndReadmeSetIsNoProblem() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve(".ci/run"),
                ROOT.resolve("pom.xml")));
        files.addAll(files(List.of("scripts"), ".sh"));
        files.addAll(files(List.of("example-tests/src", "example-tests/consumers"), ""));
        files.addAll(files(List.of("bom", "engine-client", "service-containers", "junit-extension", "example-tests"),
                "/pom.xml").stream().filter(pom -> pom.getParent().getParent().equals(ROOT)).toList());
        Set<String> names = new TreeSet<>();
        Set<String> variables = new TreeSet<>();
        for (Path file : files) {
            String text = read(file);
            SET.matcher(text).results().map(found -> found.group(1)).forEach(names::add);
            VARIABLE.matcher(text).results().map(MatchResult::group).forEach(variables::add);
        }
        assertThat(names).as("names set in this repository").contains("lattice.matrix.shard", "lattice.cache.dir");
        assertThat(variables).as("variables in this repository").contains("LATTICE_BASE_IMAGE",
                "LATTICE_SECOND_ENGINE", "LATTICE_CACHE_REGISTRY");

        assertThat(UnknownSettings.of(List.of(), names, variables)).as("problems a run would report for names and"
                + " variables this repository sets; rename a test's own property out of lattice.").isEmpty();
    }

    @Test
    void aSystemPropertyIsNamedAsOneWithTheSettingItMissed() {
        assertThat(UnknownSettings.of(List.of(), Set.of("lattice.service.postgress.image", "lattice.cache.dri",
                "user.home", "lattice.version"), Set.of())).containsExactly(
                "System property lattice.cache.dri is not a Lattice setting, so nothing reads it; did you mean"
                        + " \"lattice.cache.dir\"? fix the name, or remove it (a name of your own needs to be outside"
                        + " lattice.)",
                "System property lattice.service.postgress.image is not a Lattice setting, so nothing reads it; did"
                        + " you mean \"lattice.service.postgres.image\"? fix the name, or remove it (a name of your"
                        + " own needs to be outside lattice.)");
    }

    @Test
    void aNameNearNoGroupPointsToTheReadme() {
        assertThat(UnknownSettings.of(Set.of("lattice.frobnicate"), Set.of(), Set.of())).containsExactly(
                "Configuration parameter lattice.frobnicate is not a Lattice setting, so nothing reads it; the"
                        + " settings are listed in Lattice's README; fix the name, or remove it (a name of your own"
                        + " needs to be outside lattice.)");
    }

    @Test
    void anEnvironmentVariableIsReportedOnlyWhenItIsASlipFromASetting() {
        assertThat(UnknownSettings.of(List.of(), List.of(), List.of("LATTICE_CACHE_REGISTRY_MDOE",
                "LATTICE_CACHE_REGISTRY_MODE", "LATTICE_SERVICE_MARIADB_IMAGE", "LATTICE_BASE_IMAGE",
                "LATTICE_LICENSE_FILE", "PATH"))).containsExactly(
                "Environment variable LATTICE_CACHE_REGISTRY_MDOE is not a Lattice setting, so nothing reads it; did"
                        + " you mean \"LATTICE_CACHE_REGISTRY_MODE\"? fix the name, or unset it");
    }

    /** The main sources but the settings package's own. */
    private static List<Path> readers() {
        return files(MAIN_SOURCES, ".java").stream()
                .filter(file -> !file.toString().replace('\\', '/').contains(OWN_PACKAGE)).toList();
    }

    private static List<Path> files(List<String> roots, String suffix) {
        List<Path> files = new ArrayList<>();
        for (String root : roots) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(root))) {
                walk.filter(Files::isRegularFile)
                        .filter(path -> path.toString().replace('\\', '/').endsWith(suffix))
                        .filter(path -> !ROOT.relativize(path).toString().replace('\\', '/').contains("/target/"))
                        .forEach(files::add);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException binary) {
            // A binary file (an image of the examples) sets nothing.
            return "";
        }
    }
}
