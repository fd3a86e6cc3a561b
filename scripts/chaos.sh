#!/usr/bin/env bash
# Reliability under faults, on the example's service matrix (FlagServiceMatrixTest, 24 cells):
#   1. CHAOS_KILLS runs (default 20) killed with SIGKILL at a random moment; for each, what the killed run left
#      (containers, networks, transient volumes labelled with its run id) and how long it stayed, with no next run.
#   2. The engine connection cut mid-run: the run talks to the engine through a socat proxy on a Unix socket, which
#      is killed; how long until the run ends.
#   3. The next ordinary run; then what any killed run still left (must be nothing).
#   4. Two runs at once, warm, then (CHAOS_COLD=1, the default) cold: Lattice's cache emptied first, as in
#      bench-matrix.sh. Both must pass; a step built by both runs counts as a duplicate build.
# Usage: bash scripts/chaos.sh       (needs a running engine: bash scripts/docker-engine.sh; takes 10-20 minutes)
# Last line: RESULT kills=<n> leftovers_after_next_run=<n> max_leftover_s=<n> concurrent_ok=<yes|no>
#            duplicate_builds=<n> engine_loss_exit_s=<n>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-chaos.XXXXXX)"
KILLS="${CHAOS_KILLS:-20}"
COLD="${CHAOS_COLD:-1}"
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker
PROXY_PID=""
SUITE_PIDS=()
# On any exit: no proxy and no suite of this script goes on running (a suite's test JVM is its child).
cleanup() {
  [ -n "$PROXY_PID" ] && pkill -9 -P "$PROXY_PID" 2>/dev/null; [ -n "$PROXY_PID" ] && kill -9 "$PROXY_PID" 2>/dev/null
  for pid in "${SUITE_PIDS[@]}"; do pkill -9 -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
cd "$ROOT"

now_ms() { date +%s%3N; }
log() { printf '[chaos] %s\n' "$*"; }
# Things of one run still on the engine: containers, networks and volumes other than cache volumes.
left_of() {
  local run=$1 containers networks volumes
  containers=$($DOCKER ps -aq --filter "label=dev.lattice.run=$run" | wc -l)
  networks=$($DOCKER network ls -q --filter "label=dev.lattice.run=$run" | wc -l)
  volumes=$($DOCKER volume ls -q --filter "label=dev.lattice.run=$run" --filter "label=dev.lattice.kind=secret" | wc -l)
  echo $((containers + networks + volumes))
}
SUITE_PID=""
suite() {  # suite RUN_ID LOG [extra maven args]: the service matrix in the background; Maven's pid in SUITE_PID
  local run=$1 out=$2; shift 2
  mvn -B -ntp -o -pl example-tests test -Dtest=FlagServiceMatrixTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dlattice.run.id="$run" "$@" > "$out" 2>&1 &
  SUITE_PID=$!
  SUITE_PIDS+=("$SUITE_PID")
}
test_jvm_of() {  # the Surefire fork under a Maven process, once it runs
  local mvn_pid=$1
  for _ in $(seq 1 600); do
    local fork
    fork=$(pgrep -P "$mvn_pid" -f surefire | head -1 || true)
    [ -n "$fork" ] && { echo "$fork"; return; }
    sleep 0.1
  done
}

log "installing Lattice's modules (the suite runs offline against them)"
mvn -B -q -ntp install -DskipTests
log "one warm-up run, so that the killed runs find the pipelines built"
mvn -B -q -ntp -o -pl example-tests test -Dtest=FlagServiceMatrixTest > "$WORK/warmup.log" 2>&1 \
  || { tail -60 "$WORK/warmup.log"; exit 1; }

# 1. Kills at random moments.
MAX_LEFT_MS=0
for i in $(seq 1 "$KILLS"); do
  run="chaos-$$-$i"
  suite "$run" "$WORK/kill-$i.log"; mvn_pid=$SUITE_PID
  fork=$(test_jvm_of "$mvn_pid")
  delay_ms=$((1000 + RANDOM % 12000))
  sleep "$(awk -v ms="$delay_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
  [ -n "$fork" ] && kill -9 "$fork" 2>/dev/null || true
  killed_at=$(now_ms)
  kill -9 "$mvn_pid" 2>/dev/null || true
  wait "$mvn_pid" 2>/dev/null || true
  at_kill=$(left_of "$run")
  while [ "$(left_of "$run")" -gt 0 ] && [ $(( $(now_ms) - killed_at )) -lt 120000 ]; do sleep 0.5; done
  left_ms=$(( $(now_ms) - killed_at ))
  [ "$at_kill" -eq 0 ] && left_ms=0
  remaining=$(left_of "$run")
  [ "$left_ms" -gt "$MAX_LEFT_MS" ] && MAX_LEFT_MS=$left_ms
  log "kill $i after ${delay_ms} ms: ${at_kill} left at the kill, ${remaining} after $((left_ms / 1000)) s"
done

# 2. The engine connection cut mid-run.
SOCK="$WORK/engine.sock"
socat "UNIX-LISTEN:$SOCK,fork,unlink-early" UNIX-CONNECT:/var/run/docker.sock & PROXY_PID=$!
for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
[ -S "$SOCK" ] || { log "socat did not open $SOCK"; exit 1; }
export DOCKER_HOST="unix://$SOCK"
suite "chaos-$$-loss" "$WORK/loss.log"; mvn_pid=$SUITE_PID
unset DOCKER_HOST
test_jvm_of "$mvn_pid" > /dev/null
# Cut once the run works on the engine (its first container exists), and only while it still runs.
for _ in $(seq 1 600); do
  [ -n "$($DOCKER ps -aq --filter "label=dev.lattice.run=chaos-$$-loss")" ] && break
  kill -0 "$mvn_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$mvn_pid" 2>/dev/null || { log "the run to cut ended before it created anything"; exit 1; }
pkill -9 -f "UNIX-LISTEN:$SOCK" || true; PROXY_PID=""
cut_at=$(now_ms)
while kill -0 "$mvn_pid" 2>/dev/null && [ $(( $(now_ms) - cut_at )) -lt 300000 ]; do sleep 0.2; done
LOSS_MS=$(( $(now_ms) - cut_at ))
wait "$mvn_pid" 2>/dev/null || true
log "engine connection cut: the run ended $((LOSS_MS / 1000)) s later, saying:"
{ grep -m1 -oE "The Docker engine at [^(]* stopped answering[^.]*" "$WORK/loss.log" || echo "(no 'stopped answering')"; } \
  | sed 's/^/[chaos]   /'
grep -E "Tests run: [0-9]+, Failures" "$WORK/loss.log" | tail -1 | sed 's/^/[chaos]   /'

# 3. The next ordinary run, then what every killed run still left.
mvn -B -q -ntp -o -pl example-tests test -Dtest=FlagServiceMatrixTest > "$WORK/next.log" 2>&1 \
  || { tail -60 "$WORK/next.log"; exit 1; }
LEFT_AFTER=0
for run in $(seq 1 "$KILLS" | sed "s/^/chaos-$$-/") "chaos-$$-loss"; do
  LEFT_AFTER=$((LEFT_AFTER + $(left_of "$run")))
done
log "after the next run: ${LEFT_AFTER} things of killed runs left"

# 4. Two runs at once.
CONCURRENT_OK=yes
DUPLICATES=0
concurrent() {  # concurrent NAME: two runs at once; both must pass, and no step may be built by both
  local a b status_a=0 status_b=0
  suite "chaos-$$-$1-a" "$WORK/$1-a.log"; a=$SUITE_PID
  suite "chaos-$$-$1-b" "$WORK/$1-b.log"; b=$SUITE_PID
  wait "$a" || status_a=$?; wait "$b" || status_b=$?
  if [ "$status_a" -ne 0 ] || [ "$status_b" -ne 0 ]; then
    CONCURRENT_OK=no
    log "$1: a run failed (exit $status_a and $status_b)"; grep -h "ERROR" "$WORK/$1-a.log" "$WORK/$1-b.log" | head -10
  fi
  # Progress lines: "#7 [base 4/8] RUN mvn ...  DONE 2.3s" for a step this run built.
  local built_both
  comm -12 <(grep -ohE '\[[^]]+\] .*  DONE' "$WORK/$1-a.log" | sed -E 's/  DONE.*//' | sort -u) \
           <(grep -ohE '\[[^]]+\] .*  DONE' "$WORK/$1-b.log" | sed -E 's/  DONE.*//' | sort -u) > "$WORK/$1-both"
  built_both=$(wc -l < "$WORK/$1-both")
  DUPLICATES=$((DUPLICATES + built_both))
  log "$1: exits $status_a and $status_b, ${built_both} step(s) built by both runs"
  sed 's/^/[chaos]   built by both: /' "$WORK/$1-both"
}
concurrent warm
if [ "$COLD" = 1 ]; then
  log "emptying Lattice's cache for the cold pair (step images, recipe and pipeline images, cache volumes)"
  $DOCKER ps -aq --filter label=dev.lattice.managed | xargs -r $DOCKER rm -f > /dev/null
  $DOCKER images --format '{{.Repository}}:{{.Tag}}' | grep -E '^lattice(-cache)?/' | xargs -r $DOCKER rmi -f > /dev/null
  $DOCKER volume ls -q --filter label=dev.lattice.managed | xargs -r $DOCKER volume rm -f > /dev/null
  rm -rf "$HOME/.cache/lattice"
  concurrent cold
fi

awk -v kills="$KILLS" -v left="$LEFT_AFTER" -v max="$MAX_LEFT_MS" -v ok="$CONCURRENT_OK" -v dup="$DUPLICATES" \
    -v loss="$LOSS_MS" 'BEGIN {
  printf "RESULT kills=%d leftovers_after_next_run=%d max_leftover_s=%.1f concurrent_ok=%s duplicate_builds=%d engine_loss_exit_s=%.1f\n",
         kills, left, max / 1000, ok, dup, loss / 1000 }'
