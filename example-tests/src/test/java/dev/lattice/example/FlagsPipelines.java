package dev.lattice.example;

import dev.lattice.engine.CacheVolume;
import dev.lattice.engine.Container;
import dev.lattice.engine.Directory;
import dev.lattice.engine.ExecOptions;
import dev.lattice.engine.Host;
import dev.lattice.junit.PipelineContainer;

import java.time.Duration;
import java.util.List;

/**
 * How the flags app is built, declared once and shared by every suite that implements this interface: a "base"
 * image with the toolchain, the downloaded dependencies and the source; a "ui" branch that builds the web page
 * with npm, concurrently; and a thin "distributable" image with only a JRE, the jar and its health check.
 */
// tag::pipelines[]
public interface FlagsPipelines {

    /** The toolchain, the dependencies (cached until pom.xml changes), the source and the packaged jar. */
    @PipelineContainer
    static Container base(@PipelineContainer("ui") Container ui) {
        return Container.from("debian:bookworm-slim")
                .withExec("apt-get", "update")
                .withExec("apt-get", "install", "-y", "--no-install-recommends", "openjdk-17-jdk-headless", "maven")
                .withWorkdir("/src")
                .withFile("pom.xml", Host.file("flags-app/pom.xml"))
                .withMountedCache("/root/.m2", CacheVolume.named("flags-m2").keyedBy(Host.file("flags-app/pom.xml")))
                .withExec("mvn", "-B", "-q", "dependency:go-offline")
                .withDirectory("src", Host.directory("flags-app/src"))
                .withDirectory("src/main/resources/static", ui.directory("/ui/dist"))
                .withExec("mvn", "-B", "-q", "package", "-DskipTests");
    }

    /** The web page's assets: npm dependencies first (cached until the lock file changes), then the build. */
    @PipelineContainer
    static Container ui() {
        Directory ui = Host.directory("flags-app/ui").exclude("node_modules/**", "dist/**");
        return Container.from("debian:bookworm-slim")
                .withExec("apt-get", "update")
                .withExec("apt-get", "install", "-y", "--no-install-recommends", "nodejs", "npm")
                .withWorkdir("/ui")
                .withFile("package.json", ui.file("package.json"))
                .withFile("package-lock.json", ui.file("package-lock.json"))
                .withMountedCache("/root/.npm", CacheVolume.named("flags-npm").keyedBy(ui.file("package-lock.json")))
                .withExec("npm", "ci", "--no-audit", "--no-fund")
                .withDirectory(".", ui)
                .withExec("npm", "run", "build");
    }

    /** Only a JRE, the jar and its class-data archive, run as a non-root user, with a health check. */
    @PipelineContainer
    static Container distributable(@PipelineContainer("base") Container base) {
        return Container.from("debian:bookworm-slim")
                .withExec("apt-get", "update")
                .withExec("apt-get", "install", "-y", "--no-install-recommends", "openjdk-17-jre-headless")
                .withFile("/app/flags.jar", base.file("/src/target/flags.jar"))
                .withFile("/app/healthcheck", Host.file("flags-app/healthcheck"))
                // A trial run calls each API once and records the classes it loads; real starts map them ready-made.
                .withExec(List.of("java", "-XX:ArchiveClassesAtExit=/app/flags.jsa", "-jar", "/app/flags.jar",
                        "--self-check"), ExecOptions.defaults().withEnv("FLAGS_DB_URL", "jdbc:sqlite::memory:"))
                .withUser("1000")
                .withEntrypoint("java", "-XX:SharedArchiveFile=/app/flags.jsa", "-jar", "/app/flags.jar")
                .withHealthcheck(Duration.ofSeconds(10), "/app/healthcheck")
                .withExposedPort(8080)
                .withExposedPort(9000);
    }
}
// end::pipelines[]
