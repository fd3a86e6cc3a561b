#!/usr/bin/env bash
# Builds one small graph with Lattice's engine and, side by side, with BuildKit; cold, warm, one file edited.
# Usage: bash scripts/bench-engine.sh        (needs a running engine: bash scripts/docker-engine.sh)
# BENCH_ROUNDS=N sets the number of rounds (default 5); every figure is the median of its rounds.
# Last line: RESULT cold_ratio=<lattice/buildkit> warm_ratio=.. edit_ratio=.. warm_lattice_ms=.. warm_buildkit_ms=..
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-bench.XXXXXX)"
trap 'rm -rf "$WORK"; /usr/bin/docker rmi -f lattice-bench-buildkit:latest >/dev/null 2>&1 || true' EXIT
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
  grep "^$1 " "$WORK/rounds.log" | sed -E "s/.*$2_ms=([0-9]+).*/\1/" | sort -n \
    | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }
BK_COLD=$(median BUILDKIT cold); BK_WARM=$(median BUILDKIT warm); BK_EDIT=$(median BUILDKIT edit)
LT_COLD=$(median LATTICE cold); LT_WARM=$(median LATTICE warm); LT_EDIT=$(median LATTICE edit)
echo
echo "medians of $ROUNDS rounds: buildkit cold_ms=$BK_COLD warm_ms=$BK_WARM edit_ms=$BK_EDIT;" \
  "lattice cold_ms=$LT_COLD warm_ms=$LT_WARM edit_ms=$LT_EDIT"
echo "RESULT cold_ratio=$(ratio "$LT_COLD" "$BK_COLD") warm_ratio=$(ratio "$LT_WARM" "$BK_WARM") edit_ratio=$(ratio "$LT_EDIT" "$BK_EDIT") warm_lattice_ms=$LT_WARM warm_buildkit_ms=$BK_WARM"
