#!/usr/bin/env bash
# Builds two graphs with Lattice's engine and, side by side, with BuildKit, in alternating rounds:
# - a small graph (a C program; 10 steps): cold, warm, one file edited;
# - an application-shaped graph (a Maven build pipeline making a 50+ MB executable jar with a keyed Maven cache
#   volume, and a distributable pipeline with a JRE and the jar copied from the build pipeline): cold, one source
#   file edited, and the cross-pipeline copy of the jar alone.
# Usage: bash scripts/bench-engine.sh        (needs a running engine: bash scripts/docker-engine.sh)
# BENCH_ROUNDS=N sets the small graph's rounds (default 5), BENCH_APP_ROUNDS=N the application graph's (default 3;
# 0 skips it; one warm-up round, not counted, comes first); every figure is the median of its rounds.
# BENCH_KEEP_LOGS=DIR keeps each application round's BuildKit progress and the engine's log (step timeline) there;
# BENCH_JAVA_OPTS adds Maven/JVM options to the engine's side, e.g.
# -Dorg.slf4j.simpleLogger.log.dev.lattice.engine.internal.ExecStep=debug for each exec's container, run and commit times.
# Last line: RESULT cold_ratio=<lattice/buildkit> warm_ratio=.. edit_ratio=.. app_cold_ratio=.. app_edit_ratio=..
#   copy_ratio=.. copy_export_ratio=.. warm_lattice_ms=.. warm_buildkit_ms=..
#
# The application graph, what is measured:
# - "cold": no step of the round is cached on either side (a fresh run id is an ENV at the top of both stages and
#   both pipelines), while the Debian package archives and the Maven repository are warm on both sides (Lattice's
#   cache volumes and BuildKit's cache mounts keep their names across rounds; the warm-up round fills them), so the
#   round does not time a download of hundreds of MB from Maven Central. The package lists (apt-get update) are
#   fetched in every cold build on both sides.
# - "edit": the same build again after one source file changed (the pom did not: go-offline stays cached).
# - copy: Lattice's copy step of the jar into the distributable (from the step's start to its cache image being
#   tagged, as the engine's progress events report it) against BuildKit's `COPY --from=build` step of the jar (its
#   DONE time in --progress=plain, to 0.1 s, which does not include the export of its layer: BuildKit exports every
#   layer of the final stage after the last step, in "exporting layers"). Median over the cold and edited builds of
#   all rounds.
# - copy_export: the same Lattice copy step (edited builds only) against BuildKit's COPY step plus its "exporting
#   layers" time in the edited build, where the jar's is the one layer of the final stage to export (the JRE's
#   was exported by the cold build): what BuildKit spends to have the jar's layer in an image, as Lattice does.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-bench.XXXXXX)"
cleanup() {
  rm -rf "$WORK"
  /usr/bin/docker rmi -f lattice-bench-buildkit:latest lattice-bench-app-buildkit:latest >/dev/null 2>&1 || true
  # The application graph's cache volumes and cache mounts, kept across its rounds (the engine's step containers
  # are gone by now).
  /usr/bin/docker volume ls -q --filter name=lattice-cache-bench-app- | xargs -r /usr/bin/docker volume rm >/dev/null 2>&1 || true
  if [ "${BENCH_APP_ROUNDS:-3}" -gt 0 ]; then /usr/bin/docker builder prune -af >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost

mkdir -p "$WORK/src"
cat > "$WORK/src/main.c" <<'C'
#include <stdio.h>
const char *greeting(void);
int main(void) { printf("%s\n", greeting()); return 0; }
C
cat > "$WORK/src/util.c" <<'C'
const char *greeting(void) { return "hello, world"; }
C
cat > "$WORK/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim AS build
RUN rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y -qq --no-install-recommends tcc libc6-dev >/dev/null
WORKDIR /src
COPY src/ /src/
RUN mkdir -p /out && tcc -o /out/hello main.c util.c
RUN /out/hello > /out/selftest.txt
FROM debian:bookworm-slim
COPY --from=build /out/hello /usr/local/bin/hello
ENTRYPOINT ["hello"]
DOCKERFILE

now_ms() { date +%s%3N; }
buildkit() {
  local start end
  start=$(now_ms)
  DOCKER_BUILDKIT=1 /usr/bin/docker build -q -t lattice-bench-buildkit:latest "$WORK" >/dev/null
  end=$(now_ms)
  echo $((end - start))
}

# One round: BuildKit cold, warm and edited, then a fresh JVM running the engine's cold, warm and edited solves.
# Both sides share the machine's noise (the mirror's speed, the engine's load), so rounds alternate between
# them and each figure is the median of its rounds.
ROUNDS="${BENCH_ROUNDS:-5}"
cp "$WORK/src/util.c" "$WORK/util.c.orig"
touch "$WORK/rounds.log"
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round of $ROUNDS: BuildKit (DOCKER_BUILDKIT=1 /usr/bin/docker build)"
  /usr/bin/docker builder prune -af >/dev/null
  /usr/bin/docker rmi -f lattice-bench-buildkit:latest >/dev/null 2>&1 || true
  BK_COLD=$(buildkit); BK_WARM=$(buildkit)
  sed -i 's/world/edited world/' "$WORK/src/util.c"
  BK_EDIT=$(buildkit)
  cp "$WORK/util.c.orig" "$WORK/src/util.c"
  echo "BUILDKIT cold_ms=$BK_COLD warm_ms=$BK_WARM edit_ms=$BK_EDIT" | tee -a "$WORK/rounds.log"

  echo "== round $round of $ROUNDS: Lattice engine (timed inside one JVM; fresh keys and cache volume for the cold solve)"
  (cd "$ROOT" && mvn -B -q -f engine-client/pom.xml test-compile exec:java \
      -Dexec.mainClass=dev.lattice.engine.bench.EngineBenchmark -Dexec.classpathScope=test \
      -Dexec.args="$WORK src/util.c" -Dstyle.color=never ${BENCH_JAVA_OPTS:-}) > "$WORK/lattice.log"
  grep '^LATTICE ' "$WORK/lattice.log" | tail -1 | tee -a "$WORK/rounds.log"
done

median() {  # median of one figure over the rounds of one side: median SIDE FIGURE
  { grep "^$1 " "$WORK/rounds.log" || true; } | tr ' ' '\n' | { grep "^$2_ms=[0-9]" || true; } | sed -E "s/^$2_ms=//" | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }
BK_COLD=$(median BUILDKIT cold); BK_WARM=$(median BUILDKIT warm); BK_EDIT=$(median BUILDKIT edit)
LT_COLD=$(median LATTICE cold); LT_WARM=$(median LATTICE warm); LT_EDIT=$(median LATTICE edit)
echo
echo "small graph, medians of $ROUNDS rounds: buildkit cold_ms=$BK_COLD warm_ms=$BK_WARM edit_ms=$BK_EDIT;" \
  "lattice cold_ms=$LT_COLD warm_ms=$LT_WARM edit_ms=$LT_EDIT"
SMALL="cold_ratio=$(ratio "$LT_COLD" "$BK_COLD") warm_ratio=$(ratio "$LT_WARM" "$BK_WARM") edit_ratio=$(ratio "$LT_EDIT" "$BK_EDIT")"

# ---- The application-shaped graph ----
APP_ROUNDS="${BENCH_APP_ROUNDS:-3}"
APP="$WORK/app"
if [ "$APP_ROUNDS" -gt 0 ]; then
  mkdir -p "$APP/src/main/java/bench/app"
  # Spring Boot's repackaged jar of web, JPA, H2, ICU and Groovy: about 60 MB, nested jars stored uncompressed.
  cat > "$APP/pom.xml" <<'POM'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.5.7</version>
    <relativePath/>
  </parent>
  <groupId>bench</groupId>
  <artifactId>app</artifactId>
  <version>1.0</version>
  <properties>
    <java.version>17</java.version>
  </properties>
  <dependencies>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-data-jpa</artifactId></dependency>
    <dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-actuator</artifactId></dependency>
    <dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId></dependency>
    <dependency><groupId>com.ibm.icu</groupId><artifactId>icu4j</artifactId><version>77.1</version></dependency>
    <dependency><groupId>org.apache.groovy</groupId><artifactId>groovy</artifactId></dependency>
  </dependencies>
  <build>
    <finalName>app</finalName>
    <plugins>
      <plugin>
        <groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId>
      </plugin>
    </plugins>
  </build>
</project>
POM
  cat > "$APP/src/main/java/bench/app/Application.java" <<'JAVA'
package bench.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Application {
    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
JAVA
  cat > "$APP/src/main/java/bench/app/Greeting.java" <<'JAVA'
package bench.app;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Greeting {
    @GetMapping("/")
    public String greet() {
        return "hello";
    }
}
JAVA
  # Forty entities, repositories and controllers: compile work of an ordinary small service.
  for n in $(seq 1 40); do
    cat > "$APP/src/main/java/bench/app/Item$n.java" <<JAVA
package bench.app;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Item$n {
    @Id @GeneratedValue private Long id;
    private String name;
    public Long getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
JAVA
    cat > "$APP/src/main/java/bench/app/Item${n}Repository.java" <<JAVA
package bench.app;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Item${n}Repository extends JpaRepository<Item$n, Long> {
}
JAVA
    cat > "$APP/src/main/java/bench/app/Item${n}Controller.java" <<JAVA
package bench.app;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Item${n}Controller {
    private final Item${n}Repository items;
    public Item${n}Controller(Item${n}Repository items) { this.items = items; }
    @GetMapping("/items$n")
    public List<String> names() { return items.findAll().stream().map(Item$n::getName).toList(); }
}
JAVA
  done
  app_dockerfile() {  # app_dockerfile RUN_ID: the two-stage Dockerfile; the run id makes every step new
    cat > "$APP/Dockerfile" <<DOCKERFILE
FROM debian:bookworm-slim AS build
ENV BENCH_RUN=$1
RUN --mount=type=cache,id=bench-app-apt-build,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jdk-headless maven >/dev/null
WORKDIR /app
COPY pom.xml /app/pom.xml
RUN --mount=type=cache,id=bench-app-m2,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src/ /app/src/
RUN --mount=type=cache,id=bench-app-m2,target=/root/.m2 mvn -B -q package -DskipTests
FROM debian:bookworm-slim
ENV BENCH_RUN=$1
RUN --mount=type=cache,id=bench-app-apt-dist,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
COPY --from=build /app/target/app.jar /app/app.jar
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
DOCKERFILE
  }
  app_buildkit() {  # app_buildkit LOG: builds, prints the milliseconds; the plain progress goes to LOG
    local start end
    start=$(now_ms)
    DOCKER_BUILDKIT=1 /usr/bin/docker build --progress=plain -t lattice-bench-app-buildkit:latest "$APP" >"$1" 2>&1 \
      || { tail -30 "$1" >&2; return 1; }
    end=$(now_ms)
    echo $((end - start))
  }
  bk_copy_ms() {  # the DONE time of the COPY --from=build step in a plain progress log, in milliseconds
    local step
    step=$(grep -E '^#[0-9]+ \[.*COPY --from=build' "$1" | head -1 | cut -d' ' -f1)
    grep -E "^$step (DONE|CACHED)" "$1" | head -1 | awk '{ if ($2 == "CACHED") print 0; else { sub(/s$/, "", $3); printf "%d", $3 * 1000 } }'
  }
  bk_export_ms() {  # the "exporting layers" time of a plain progress log, in milliseconds
    grep -E '^#[0-9]+ exporting layers [0-9.]+s done' "$1" | tail -1 \
      | awk '{ t = $4; sub(/s$/, "", t); printf "%d", t * 1000 }'
  }
  lattice_app() {  # lattice_app [cold-only]: one fresh JVM running the engine's solves of the application graph
    (cd "$ROOT" && mvn -B -q -f engine-client/pom.xml test-compile exec:java \
        -Dexec.mainClass=dev.lattice.engine.bench.AppBenchmark -Dexec.classpathScope=test \
        -Dexec.args="$APP src/main/java/bench/app/Greeting.java $*" -Dstyle.color=never ${BENCH_JAVA_OPTS:-}) \
        > "$WORK/lattice-app.log" 2>&1 || { tail -40 "$WORK/lattice-app.log" >&2; return 1; }
  }
  GREETING="$APP/src/main/java/bench/app/Greeting.java"
  cp "$GREETING" "$WORK/Greeting.java.orig"
  echo "== application graph: warm-up round (fills the apt and Maven caches of both sides; not counted)"
  app_dockerfile "warmup-$(date +%s%N)"
  app_buildkit "$WORK/bk-warmup.log" >/dev/null
  lattice_app cold-only
  echo "jar size (BuildKit's image): $(/usr/bin/docker run --rm --entrypoint stat lattice-bench-app-buildkit:latest -c %s /app/app.jar) bytes"
  for round in $(seq 1 "$APP_ROUNDS"); do
    # The earlier rounds' layers go (their keys are never asked again); the cache mounts stay warm.
    /usr/bin/docker builder prune -af --filter type=regular >/dev/null
    echo "== application round $round of $APP_ROUNDS: BuildKit (load $(cut -d' ' -f1-3 /proc/loadavg))"
    app_dockerfile "bk-$round-$(date +%s%N)"
    BK_APP_COLD=$(app_buildkit "$WORK/bk-cold-$round.log"); BK_COPY_COLD=$(bk_copy_ms "$WORK/bk-cold-$round.log")
    sed -i 's/"hello"/"hello, edited"/' "$GREETING"
    BK_APP_EDIT=$(app_buildkit "$WORK/bk-edit-$round.log"); BK_COPY_EDIT=$(bk_copy_ms "$WORK/bk-edit-$round.log")
    BK_EXPORT_EDIT=$(bk_export_ms "$WORK/bk-edit-$round.log")
    cp "$WORK/Greeting.java.orig" "$GREETING"
    echo "BUILDKIT_APP cold_ms=$BK_APP_COLD edit_ms=$BK_APP_EDIT copy_ms=$BK_COPY_COLD copy_ms=$BK_COPY_EDIT" \
      "copy_export_ms=$((BK_COPY_EDIT + BK_EXPORT_EDIT))" \
      | tee -a "$WORK/rounds.log"
    echo "== application round $round of $APP_ROUNDS: Lattice engine (load $(cut -d' ' -f1-3 /proc/loadavg))"
    lattice_app
    grep '^LATTICE_APP ' "$WORK/lattice-app.log" | tail -1 \
      | sed -E 's/copy_edit_ms=([0-9-]+)/copy_edit_ms=\1 copy_export_ms=\1/; s/copy_(cold|edit)_ms/copy_ms/g' \
      | tee -a "$WORK/rounds.log"
    if [ -n "${BENCH_KEEP_LOGS:-}" ]; then
      cp "$WORK"/bk-*-"$round".log "$BENCH_KEEP_LOGS"/ && cp "$WORK/lattice-app.log" "$BENCH_KEEP_LOGS/lattice-app-$round.log" || true
    fi
  done
  BK_APP_COLD=$(median BUILDKIT_APP cold); BK_APP_EDIT=$(median BUILDKIT_APP edit); BK_COPY=$(median BUILDKIT_APP copy)
  LT_APP_COLD=$(median LATTICE_APP cold); LT_APP_EDIT=$(median LATTICE_APP edit); LT_COPY=$(median LATTICE_APP copy)
  BK_COPY_EXPORT=$(median BUILDKIT_APP copy_export); LT_COPY_EXPORT=$(median LATTICE_APP copy_export)
  echo
  echo "application graph, medians of $APP_ROUNDS rounds: buildkit cold_ms=$BK_APP_COLD edit_ms=$BK_APP_EDIT" \
    "copy_ms=$BK_COPY copy_export_ms=$BK_COPY_EXPORT; lattice cold_ms=$LT_APP_COLD edit_ms=$LT_APP_EDIT" \
    "copy_ms=$LT_COPY copy_export_ms=$LT_COPY_EXPORT"
  APP_FIGURES=" app_cold_ratio=$(ratio "$LT_APP_COLD" "$BK_APP_COLD") app_edit_ratio=$(ratio "$LT_APP_EDIT" "$BK_APP_EDIT") copy_ratio=$(ratio "$LT_COPY" "$BK_COPY") copy_export_ratio=$(ratio "$LT_COPY_EXPORT" "$BK_COPY_EXPORT")"
fi
echo "RESULT $SMALL${APP_FIGURES:-} warm_lattice_ms=$LT_WARM warm_buildkit_ms=$BK_WARM"
