#!/usr/bin/env bash
# The example suite with Lattice, cold (engine cache emptied) and warm (nothing changed), and the same 8-cell
# auth x namespace x transport matrix on PostgreSQL written with plain Testcontainers + @ParameterizedTest
# (a fresh app container per case, sequential, image pre-built with docker build).
#   cold_s, warm_s      wall time of the example suite's Maven test run
#   warm_vs_baseline    the 8 PostgreSQL cells: Lattice warm (-Dlattice.matrix.filter=store=postgres) / baseline,
#                       each the test class's own time in its Surefire report
#   cold_vs_warm        cold_s / warm_s
# Usage: bash scripts/bench-matrix.sh        (needs a running engine: bash scripts/docker-engine.sh)
# Last line: RESULT cold_s=<n> warm_s=<n> baseline_s=<n> warm_vs_baseline=<ratio> cold_vs_warm=<ratio>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-bench-matrix.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
cd "$ROOT"

now_ms() { date +%s%3N; }
suite_seconds() {  # the "time" of a test class's Surefire report
  grep -o '<testsuite [^>]*' "example-tests/target/surefire-reports/TEST-dev.lattice.example.$1.xml" \
    | sed -E 's/.* time="([0-9.]+)".*/\1/'
}
run_suite() {  # runs the example suite, prints its wall time in ms
  local start end
  start=$(now_ms)
  mvn -B -q -ntp -o -pl example-tests test "$@" > "$WORK/suite.log" 2>&1 || { tail -80 "$WORK/suite.log" >&2; exit 1; }
  end=$(now_ms)
  echo $((end - start))
}

mvn -B -q -ntp install -DskipTests

echo "== emptying Lattice's cache (step images, recipe and pipeline images, cache volumes; the base image stays)"
/usr/bin/docker ps -aq --filter label=dev.lattice.managed | xargs -r /usr/bin/docker rm -f > /dev/null
/usr/bin/docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '^lattice(-cache)?/' \
  | xargs -r /usr/bin/docker rmi -f > /dev/null
/usr/bin/docker volume ls -q --filter label=dev.lattice.managed | xargs -r /usr/bin/docker volume rm -f > /dev/null
rm -rf "$HOME/.cache/lattice"

COLD_MS=$(run_suite); echo "lattice cold: example suite in ${COLD_MS} ms"
WARM_MS=$(run_suite); echo "lattice warm: example suite in ${WARM_MS} ms"
run_suite -Dtest=FlagServiceMatrixTest -Dlattice.matrix.filter=store=postgres > /dev/null
LATTICE_8=$(suite_seconds FlagServiceMatrixTest); echo "lattice warm: 8 postgres cells in ${LATTICE_8} s"

echo "== baseline: docker build of the app image, then plain Testcontainers, one fresh app per case, sequential"
mvn -B -q -ntp -f example-tests/flags-app/pom.xml package -DskipTests
mkdir -p "$WORK/image" && cp example-tests/flags-app/target/flags.jar example-tests/flags-app/healthcheck "$WORK/image/"
cat > "$WORK/image/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless && rm -rf /var/lib/apt/lists/*
COPY flags.jar /app/flags.jar
COPY healthcheck /app/healthcheck
RUN FLAGS_DB_URL=jdbc:sqlite::memory: java -XX:ArchiveClassesAtExit=/app/flags.jsa -jar /app/flags.jar --self-check
USER 1000
HEALTHCHECK --interval=10s --timeout=10s --retries=3 CMD ["/app/healthcheck"]
EXPOSE 8080 9000
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/flags.jsa", "-jar", "/app/flags.jar"]
DOCKERFILE
DOCKER_BUILDKIT=1 /usr/bin/docker build -q -t lattice-baseline/flags:latest "$WORK/image" > /dev/null
run_suite -Dtest=PlainTestcontainersBaseline -Djunit.jupiter.execution.parallel.enabled=false > /dev/null
BASELINE=$(suite_seconds PlainTestcontainersBaseline); echo "baseline: 8 postgres cases in ${BASELINE} s"
/usr/bin/docker rmi -f lattice-baseline/flags:latest > /dev/null

awk -v cold="$COLD_MS" -v warm="$WARM_MS" -v l8="$LATTICE_8" -v base="$BASELINE" 'BEGIN {
  printf "RESULT cold_s=%.1f warm_s=%.1f baseline_s=%.1f warm_vs_baseline=%.2f cold_vs_warm=%.1f\n",
         cold / 1000, warm / 1000, base, l8 / base, cold / warm }'
