#!/usr/bin/env bash
# Measures the service catalog on the catalog's PostgreSQL: its recipe image built cold, a container from created
# to ready (median of 3), and a fresh per-cell database on a running server (median of 20).
# Usage: bash scripts/bench-services.sh        (needs a running engine: bash scripts/docker-engine.sh)
# Last line: RESULT container_start_ms=<n> per_cell_db_ms=<n> recipe_build_cold_s=<n>   (target: per_cell_db_ms <= 100)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$(mktemp /tmp/lattice-bench-services.XXXXXX)"
trap 'rm -f "$LOG"' EXIT
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost

cd "$ROOT"
mvn -B -q -ntp install -DskipTests -pl service-containers -am
bench() {
  mvn -B -q -ntp -f service-containers/pom.xml test-compile exec:java \
    -Dexec.mainClass=dev.lattice.service.bench.ServicesBenchmark -Dexec.classpathScope=test -Dstyle.color=never \
    -Dexec.args="$*"
}
bench forget
bench | tee "$LOG"
LINE=$(grep '^SERVICES ' "$LOG" | tail -1)
echo "RESULT ${LINE#SERVICES }"
