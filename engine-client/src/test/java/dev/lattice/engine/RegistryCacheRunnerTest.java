package dev.lattice.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.lattice.engine.RegistryCacheEnvironment.AUTH_PASSWORD;
import static dev.lattice.engine.RegistryCacheEnvironment.AUTH_REGISTRY;
import static dev.lattice.engine.RegistryCacheEnvironment.AUTH_USER;
import static dev.lattice.engine.RegistryCacheEnvironment.ENGINE_B;
import static dev.lattice.engine.RegistryCacheEnvironment.OPEN_REGISTRY;
import static dev.lattice.engine.RegistryCacheEnvironment.TOKEN_REGISTRY;
import static dev.lattice.engine.RegistryCacheEnvironment.hasEntry;
import static dev.lattice.engine.TestEngines.BASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole runs in JVMs of their own (a CI runner's test run each, with its own Docker CLI credentials): a registry that
 * is down, one that refuses the credentials, one that takes them (basic auth, from the config or a credential helper,
 * and token auth), and two runners pushing the same keys at once.
 */
class RegistryCacheRunnerTest {

    /** Nothing listens there: a registry cache that is down. */
    private static final String DOWN_REGISTRY = "127.0.0.1:5999";

    @TempDir
    Path dir;

    private final String prefix = RegistryCacheEnvironment.prefix();
    private final String nonce = TestEngines.nonce();
    private final Set<String> runs = new HashSet<>();

    @BeforeAll
    static void realParts() {
        RegistryCacheEnvironment.require();
    }

    @AfterEach
    void removeWhatTheRunsLeft() {
        RegistryCacheEnvironment.removeFrom(TestEngines.docker(), runs, null);
        RegistryCacheEnvironment.removeFrom(RegistryCacheEnvironment.engineBDocker(), runs, null);
    }

    @Test
    void aRegistryThatIsDownGivesOneWarningAndTheRunBuildsLocally() throws Exception {
        Run run = run("default", DOWN_REGISTRY + "/" + prefix, "false", null);

        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains("3/3 BUILT");
        assertThat(run.lines("WARN")).as(run.output).singleElement().asString()
                .contains("The registry cache " + DOWN_REGISTRY + "/" + prefix + " does not answer (")
                .contains("this run builds locally without it. Start the registry or fix lattice.cache.registry;"
                        + " set lattice.cache.registry.required=true to fail instead");
    }

    @Test
    void aRequiredRegistryThatIsDownFailsTheRunBeforeAnyStep() throws Exception {
        Run run = run("default", DOWN_REGISTRY + "/" + prefix, "true", null);

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        String message = "The registry cache " + DOWN_REGISTRY + "/" + prefix + " does not answer (nothing accepted a"
                + " connection at http://127.0.0.1:5999); it is required (lattice.cache.registry.required=true): start"
                + " it, or fix lattice.cache.registry";
        // The solve fails with it, and so does the run's end (which says it for the solves nobody waits for).
        assertThat(run.lines("FAILED")).containsExactly("FAILED: " + message, "FAILED at the run's end: " + message);
        assertThat(run.output).doesNotContain("BUILT");
    }

    @Test
    void wrongCredentialsFailTheRunNamingTheRegistryAndTheFix() throws Exception {
        Run run = run("default", AUTH_REGISTRY + "/" + prefix, "false",
                dockerConfig(AUTH_REGISTRY, AUTH_USER, "not-the-password"));

        assertRefused(run, AUTH_REGISTRY);
    }

    @Test
    void wrongCredentialsForATokenServiceFailTheRunAsForBasicAuth() throws Exception {
        try (TokenService tokens = TokenService.start()) {
            Run run = run("default", TOKEN_REGISTRY + "/" + prefix, "false",
                    dockerConfig(TOKEN_REGISTRY, AUTH_USER, "not-the-password"));

            assertRefused(run, TOKEN_REGISTRY);
            assertThat(tokens.served()).as("the token service refused them").isNotEmpty()
                    .allMatch(request -> request.status() == 401);
        }
    }

    private void assertRefused(Run run, String registry) {
        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        String message = "The registry cache " + registry + "/" + prefix + " refused the credentials of user"
                + " 'lattice' (HTTP 401); log in with `docker login " + registry + "` as a user who may pull and push "
                + prefix + "/* (Lattice reads the Docker CLI's credentials: $DOCKER_CONFIG/config.json, else"
                + " ~/.docker/config.json), or unset lattice.cache.registry";
        assertThat(run.lines("FAILED")).containsExactly("FAILED: " + message, "FAILED at the run's end: " + message);
    }

    @Test
    void wrongCredentialsOnAWarmEngineFailTheRunAtItsEnd() throws Exception {
        Run filled = run("default", AUTH_REGISTRY + "/" + prefix, "false",
                dockerConfig(AUTH_REGISTRY, AUTH_USER, AUTH_PASSWORD));
        assertThat(filled.exitCode).as(filled.output).isZero();

        // Every step is local: the solve needs nothing of the registry, the filling of it in the background finds
        // the credentials refused, and the run's end says so (a broken CI secret shows at once, not at the first miss).
        Run warm = run("default", AUTH_REGISTRY + "/" + prefix, "false",
                dockerConfig(AUTH_REGISTRY, AUTH_USER, "not-the-password"));
        assertThat(warm.exitCode).as(warm.output).isEqualTo(1);
        assertThat(warm.output).contains("3/3 LOCAL");
        assertThat(warm.lines("FAILED")).singleElement().asString().startsWith("FAILED at the run's end: The registry"
                + " cache " + AUTH_REGISTRY + "/" + prefix + " refused the credentials of user 'lattice' (HTTP 401);");
    }

    @Test
    void noCredentialsForARegistryThatAsksForThemFailTheRun() throws Exception {
        Run run = run("default", AUTH_REGISTRY + "/" + prefix, "false", dockerConfig(AUTH_REGISTRY, null, null));

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(run.lines("FAILED: ")).singleElement().asString().startsWith("FAILED: The registry cache "
                + AUTH_REGISTRY + "/" + prefix + " asks for credentials (HTTP 401) and this machine has none for it;"
                + " log in with `docker login " + AUTH_REGISTRY + "`");
    }

    @Test
    void theDockerClisCredentialsPushToARegistryWithBasicAuth() throws Exception {
        List<Run> runs = pushThenPullOnB(AUTH_REGISTRY, dockerConfig(AUTH_REGISTRY, AUTH_USER, AUTH_PASSWORD),
                RegistryCacheEnvironment.basicAuthorization());

        assertThat(runs.get(1).output).as("the last step is asked first, and found: nothing else is asked")
                .contains("lookups=1 in ").contains("(keys asked 1, found 1), pulls=1 in ");
        // Where each runner's time with the registry went, for the record.
        runs.get(0).lines("Registry cache " + AUTH_REGISTRY).forEach(line -> System.out.println("runner A: " + line));
        runs.get(1).lines("Registry cache " + AUTH_REGISTRY).forEach(line -> System.out.println("runner B: " + line));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"credHelpers", "credsStore"})
    void aCredentialHelperOfTheDockerClisConfigPushesAndPulls(String configKey) throws Exception {
        pushThenPullOnB(AUTH_REGISTRY, helperConfig(configKey), RegistryCacheEnvironment.basicAuthorization());
    }

    @Test
    void theDockerClisCredentialsPushToARegistryWithTokenAuth() throws Exception {
        try (TokenService tokens = TokenService.start()) {
            pushThenPullOnB(TOKEN_REGISTRY, dockerConfig(TOKEN_REGISTRY, AUTH_USER, AUTH_PASSWORD),
                    tokens.bearer("repository:" + prefix + "/step:pull"));

            assertThat(tokens.served()).allMatch(request -> request.status() == 200);
            assertThat(tokens.servedTo("Java-http-client/")).as("one token for each runner's lookups").hasSize(2);
            String repository = "repository:" + prefix + "/step:";
            assertThat(tokens.servedTo("docker/")).as("the engines' own tokens, for the push and the pull")
                    .flatExtracting(TokenService.Served::scopes).contains(repository + "pull")
                    .anyMatch(scope -> scope.startsWith(repository) && scope.contains("push"));
        }
    }

    /**
     * A run on the default engine pushes to the registry with these Docker CLI settings, then a run on engine B
     * pulls every step from it; {@code authorization} lets the test see the entry. Returns both runs.
     */
    private List<Run> pushThenPullOnB(String registry, Path dockerConfig, String authorization) throws Exception {
        String location = registry + "/" + prefix;
        Run run = run("default", location, "true", dockerConfig);
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(hasEntry(location, "step", run.finalKey(), authorization)).isTrue();

        Run onB = run(ENGINE_B, location, "true", dockerConfig);
        assertThat(onB.exitCode).as(onB.output).isZero();
        assertThat(onB.output).contains("3/3 PULLED");
        return List.of(run, onB);
    }

    @Test
    void twoRunnersPushingTheSameKeysAtOnceBothSucceed() throws Exception {
        String location = OPEN_REGISTRY + "/" + prefix;
        Started onA = start("default", location, "true", null);
        Started onB = start(ENGINE_B, location, "true", null);
        // Both solve at once: each looks the keys up before the other can have pushed any (the first step sleeps).
        onA.ready.get(120, TimeUnit.SECONDS);
        onB.ready.get(120, TimeUnit.SECONDS);
        onA.go();
        onB.go();
        Run a = onA.finish();
        Run b = onB.finish();

        assertThat(a.exitCode).as(a.output).isZero();
        assertThat(b.exitCode).as(b.output).isZero();
        // Both looked up before either pushed (the first step takes a few seconds), so both built and pushed.
        assertThat(a.output).contains("1/3 BUILT", "2/3 BUILT", "3/3 BUILT").doesNotContain("WARN");
        assertThat(b.output).contains("1/3 BUILT", "2/3 BUILT", "3/3 BUILT").doesNotContain("WARN");
        assertThat(a.finalKey()).isEqualTo(b.finalKey());
        assertThat(hasEntry(location, "step", a.finalKey())).isTrue();
    }

    /** A DOCKER_CONFIG folder whose config.json has this login for the registry, or no login at all. */
    private Path dockerConfig(String registry, String user, String password) throws IOException {
        Path folder = Files.createTempDirectory(dir, "docker-config");
        String auths = user == null ? "{}" : "{\"" + registry + "\": {\"auth\": \"" + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\"}}";
        Files.writeString(folder.resolve("config.json"), "{\"auths\": " + auths + "}");
        return folder;
    }

    /**
     * A DOCKER_CONFIG folder whose config.json names a credential helper ({@code configKey}: {@code credHelpers} for
     * the auth registry, or {@code credsStore} for every registry) and holds no password; the helper, in its
     * {@code bin} folder, answers the protocol's {@code get} with the test user for the auth registry only.
     */
    private Path helperConfig(String configKey) throws IOException {
        Path folder = Files.createTempDirectory(dir, "docker-config");
        String helper = "lattice-test";
        Files.writeString(folder.resolve("config.json"), configKey.equals("credHelpers")
                ? "{\"auths\": {}, \"credHelpers\": {\"" + AUTH_REGISTRY + "\": \"" + helper + "\"}}"
                : "{\"auths\": {}, \"credsStore\": \"" + helper + "\"}");
        Path program = Files.createDirectories(folder.resolve("bin")).resolve("docker-credential-" + helper);
        // As the CLI's helpers do: the server on standard input, the answer or "not found" on standard output.
        Files.writeString(program, String.join("\n",
                "#!/bin/sh",
                "[ \"$1\" = get ] || { echo \"only get is implemented, not $1\"; exit 1; }",
                "read -r server",
                "if [ \"$server\" = \"" + AUTH_REGISTRY + "\" ]; then",
                "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + AUTH_USER + "\",\"Secret\":\"" + AUTH_PASSWORD
                        + "\"}\\n' \"$server\"",
                "else",
                "  echo 'credentials not found in native keychain'",
                "  exit 1",
                "fi",
                ""));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return folder;
    }

    private Run run(String engine, String location, String required, Path dockerConfig) throws Exception {
        Started started = start(engine, location, required, dockerConfig);
        started.go();
        return started.finish();
    }

    private Started start(String engine, String location, String required, Path dockerConfig) throws IOException {
        String runId = "test-" + TestEngines.nonce().substring(0, 8);
        runs.add(runId);
        ProcessBuilder child = TestEngines.childJvm(Runner.class, engine,
                Files.createTempDirectory(dir, "state").toString(), runId, location, required, nonce);
        child.environment().remove("DOCKER_AUTH_CONFIG");
        if (dockerConfig != null) {
            child.environment().put("DOCKER_CONFIG", dockerConfig.toString());
            Path helpers = dockerConfig.resolve("bin");
            if (Files.isDirectory(helpers)) {
                child.environment().merge("PATH", helpers.toString(), (path, bin) -> bin + ":" + path);
            }
        }
        return new Started(child.start());
    }

    /** A runner's JVM that has started: it says when its engine is ready, and solves once told to go. */
    private static final class Started {
        final Process process;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final CompletableFuture<String> output;

        Started(Process process) {
            this.process = process;
            this.output = CompletableFuture.supplyAsync(() -> {
                StringBuilder all = new StringBuilder();
                try (java.io.BufferedReader lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        all.append(line).append('\n');
                        if (line.equals("ready")) {
                            ready.complete(null);
                        }
                    }
                } catch (IOException ended) {
                    // The output ends with the process.
                }
                ready.complete(null); // a runner that failed before it was ready: finish() shows why
                return all.toString();
            });
        }

        void go() throws IOException {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        Run finish() throws Exception {
            String all = output.get(300, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Run(process.exitValue(), all);
        }
    }

    /** What a runner's JVM printed and how it ended. */
    private record Run(int exitCode, String output) {
        List<String> lines(String containing) {
            List<String> found = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.contains(containing)) {
                    found.add(line);
                }
            }
            return found;
        }

        String finalKey() {
            return lines("final key ").get(0).replaceFirst(".*final key ", "").strip();
        }
    }

    /** Three steps, the first taking a few seconds, so two runners started together both build it. */
    static Container pipeline(String nonce) {
        return Container.from(BASE)
                .withExec("sh", "-c", "sleep 3; head -c 5000000 /dev/urandom > /blob; echo " + nonce + " > /stamp")
                .withExec("sh", "-c", "md5sum /blob > /blob.md5")
                .withEnv("STAGE", "final");
    }

    /**
     * A runner's test run: solves the pipeline with the registry cache, closes the engine (which waits for the
     * pushes) and prints the solve's report; on failure prints {@code FAILED: <message>} and exits with 1. It solves
     * once its input has a line, after printing {@code ready}.
     * Arguments: engine ({@code default} or its address), state dir, run id, cache location, required, nonce.
     */
    static final class Runner {
        public static void main(String[] args) throws IOException {
            Engine.Builder builder = Engine.builder().cacheDir(Path.of(args[1])).runId(args[2])
                    .configurationParameters(RegistryCacheEnvironment.parameters(args[3],
                            "lattice.cache.registry.required", args[4]));
            if (!args[0].equals("default")) {
                builder.dockerHost(args[0]);
            }
            Engine engine;
            try {
                engine = builder.build();
            } catch (RuntimeException failed) {
                System.out.println("FAILED: " + failed.getMessage());
                System.exit(1);
                return;
            }
            System.out.println("ready");
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            int exitCode = 0;
            try {
                engine.solve("runner", pipeline(args[5]));
                SolveReport report = engine.lastReport("runner");
                System.out.print(report.format());
                System.out.println("final key " + report.steps().get(report.steps().size() - 1).cacheKey());
            } catch (RuntimeException failed) {
                System.out.println("FAILED: " + failed.getMessage());
                exitCode = 1;
            }
            try {
                engine.close(); // waits for the pushes; says what the solve could not
            } catch (RuntimeException failed) {
                System.out.println("FAILED at the run's end: " + failed.getMessage());
                exitCode = 1;
            }
            System.exit(exitCode);
        }
    }
}
