#!/usr/bin/env bash
# A thousand cells: one synthetic matrix class (example-tests/.../bench/ScaleBench.java) at 10 (8: a multiple of 4),
# 100 and 1,000 cells, always over the same 4 service containers (the catalog's PostgreSQL and MariaDB, a tiny TCP
# responder in two settings), each cell doing a `select 1` on its database and one round trip to its responder;
# once on each server's shared database (sharedDatabase), once on a fresh database per cell (freshDatabase).
#   per_cell_ms, per_cell_db_ms  (T(1000) - T(100)) / 900, T the test JVM's uptime at its exit (after the launcher
#                                session closed), median of the rounds; shared and per-cell databases
#   heap_mb_1000                 the test JVM's peak used heap at 1,000 cells (used heap before each collection and
#                                at exit), the largest of every 1,000-cell run
#   services_started             service containers the run created (engine events with the run's id, streamed
#                                while it runs: the engine keeps only its last few hundred events, which a busy
#                                machine overwrites within a run), at every size and round: one number if all agree
# Usage: bash scripts/bench-scale.sh        (needs a running engine: bash scripts/docker-engine.sh)
# BENCH_ROUNDS=N rounds (default 2); BENCH_SIZES="10 100 1000"; BENCH_MODES="sharedDatabase freshDatabase";
# BENCH_JAVA_OPTS adds options to the test JVM (e.g. -XX:StartFlightRecording=filename=/tmp/scale.jfr).
# Last line: RESULT per_cell_ms=<n> per_cell_db_ms=<n> heap_mb_1000=<n> services_started=<n>
#            (targets: per_cell_ms <= 15, per_cell_db_ms <= 40, heap_mb_1000 <= 256, services_started=4)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-bench-scale.XXXXXX)"
LISTENER=""
# The event listener of a run cut short goes with the script.
trap '[ -n "$LISTENER" ] && kill "$LISTENER" 2>/dev/null; rm -rf "$WORK"' EXIT
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
cd "$ROOT"

ROUNDS="${BENCH_ROUNDS:-2}"
SIZES="${BENCH_SIZES:-10 100 1000}"
MODES="${BENCH_MODES:-sharedDatabase freshDatabase}"
MAVEN=(mvn -B -q -ntp -o -pl example-tests -am -Dinvoker.skip -Dstyle.color=never)

echo "== compiling (the reactor's modules, no install)"
"${MAVEN[@]}" test-compile > "$WORK/compile.log" 2>&1 || { tail -60 "$WORK/compile.log" >&2; exit 1; }

# One run: a fresh test JVM running one matrix method at one size. Prints its SCALE line with the mode and the
# number of service containers created under its run id.
run() {
  local mode=$1 cells=$2 round=$3
  local run_id="scale-$$-$mode-$cells-$round" since
  since=$(date +%s.%N)
  # The service containers created under the run's id, streamed from the run's start (--since also replays what
  # happened before the listener connected) until it ends.
  /usr/bin/docker events --since "$since" --filter type=container --filter event=create \
    --filter label=dev.lattice.kind=service --filter "label=dev.lattice.run=$run_id" --format '{{.Actor.ID}}' \
    > "$WORK/$run_id.events" &
  LISTENER=$!
  "${MAVEN[@]}" test -Dtest="ScaleBench#$mode" -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dlattice.run.id=$run_id -Dbench.cells=$cells -Dbench.out=$WORK/$run_id.out ${BENCH_JAVA_OPTS:-}" \
    > "$WORK/$run_id.log" 2>&1 || { tail -80 "$WORK/$run_id.log" >&2; exit 1; }
  # Every container of the run was created before its JVM exited; a moment lets the stream deliver the last events.
  sleep 1
  kill "$LISTENER" 2>/dev/null; wait "$LISTENER" 2>/dev/null || true
  LISTENER=""
  echo "$(cat "$WORK/$run_id.out") mode=$mode round=$round services=$(sort -u "$WORK/$run_id.events" | wc -l)"
}

for round in $(seq 1 "$ROUNDS"); do
  for mode in $MODES; do
    for cells in $SIZES; do
      # Not in a pipeline: run() keeps its listener in this shell, where the exit trap sees it.
      run "$mode" "$cells" "$round" >> "$WORK/runs.log"
      tail -1 "$WORK/runs.log"
    done
  done
done

figure() { sed -E "s/.* $1=([0-9]+).*/\1/"; }
median() {  # median uptime of one mode at one size: median MODE CELLS
  grep " mode=$1 " "$WORK/runs.log" | grep "^SCALE cells=$2 " | figure uptime_ms | sort -n \
    | awk '{ v[NR] = $1 } END { if (NR == 0) print "NaN"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
per_cell() { awk -v a="$(median "$1" 1000)" -v b="$(median "$1" 100)" 'BEGIN { printf "%.1f", (a - b) / 900 }'; }
echo
for mode in $MODES; do
  echo "medians of $ROUNDS rounds, $mode: $(for cells in $SIZES; do printf 'T(%s)=%s ms ' "$cells" "$(median "$mode" "$cells")"; done)"
done
HEAP=$(grep '^SCALE cells=1000 ' "$WORK/runs.log" | figure peak_heap_bytes | sort -n | tail -1)
SERVICES=$(figure services < "$WORK/runs.log" | sort -un | paste -sd, -)
echo "RESULT per_cell_ms=$(per_cell sharedDatabase) per_cell_db_ms=$(per_cell freshDatabase)" \
  "heap_mb_1000=$(( ${HEAP:-0} / 1048576 )) services_started=$SERVICES"
