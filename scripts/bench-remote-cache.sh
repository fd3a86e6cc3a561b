#!/usr/bin/env bash
# The registry cache between two CI runners: the example suite (example-tests: the flags app's pipelines, its
# service matrix and unit-test matrix) on runner 1 with an empty engine, filling a registry cache; then on runner 2,
# another empty engine, with that registry warm; then on runner 2 again, warm in its own store.
#   cold_s              runner 1, empty engine, lattice.cache.registry.mode=readwrite (it builds everything and
#                       pushes; the run waits for its pushes at the end, so that wait is in the figure)
#   registry_warm_s     runner 2, empty engine (the base image only), the same registry, mode=read
#   local_warm_s        runner 2 again: everything in its own store
#   registry_vs_cold    registry_warm_s / cold_s (target: <= 0.35)
# Each figure is the example-tests module's test phase (Surefire's fork, the run, the run's end), from Maven's log
# timestamps; the modules it depends on are compiled before, untimed. The runners are two engines of their own
# (scripts/second-engine.sh with LATTICE_SECOND_ENGINE=c and d, started empty and stopped at the end), so that the
# benchmark neither empties the cache of the machine's first engine nor disturbs tests running on engine b. Each
# runner has its own lattice.cache.dir, as another machine would. The registry is a docker-registry of this run's own
# (the one scripts/registry.sh installs), on 127.0.0.1:$BENCH_REGISTRY_PORT (default 5002) with its storage in the
# run's temporary directory, stopped and deleted at the end: the shared test registries never hold its 1.3 GB.
# After the figures: where runner 2's registry-warm time went (steps LOCAL / PULLED / BUILT and their time,
# registry lookups, pulls and volume imports as Lattice reports them, service start-up, cells), from
# -Dlattice.explain=true and the run report (example-tests/target/lattice-report/report.json), and how busy the
# machine was (load averages, other Java processes).
# Usage: bash scripts/bench-remote-cache.sh        (as root: it starts two engines and the registries)
#   BENCH_ENGINES='c d' (default): the letters of its two engines; it refuses engines that already exist.
#   BENCH_KEEP=1 keeps the engines, the registry (running) and the logs (printed) for a look afterwards.
# Last line: RESULT cold_s=<n> registry_warm_s=<n> local_warm_s=<n> registry_vs_cold=<ratio>
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/lattice-bench-remote-cache.XXXXXX)"
read -r RUNNER_1 RUNNER_2 <<<"${BENCH_ENGINES:-c d}"
PREFIX="lattice-bench-$(date -u +%Y%m%d%H%M%S)-$$"
REGISTRY_PORT="${BENCH_REGISTRY_PORT:-5002}"
REGISTRY="127.0.0.1:$REGISTRY_PORT/$PREFIX"
REGISTRY_PID=""
SUITE_TESTS='Flag*MatrixTest,ReadmeSnippetsTest'
export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"
cd "$ROOT"

engine() { LATTICE_SECOND_ENGINE="$1" bash scripts/second-engine.sh "${@:2}"; }
cleanup() {
  if [ "${BENCH_KEEP:-0}" = 1 ]; then
    echo "== kept: engines unix:///var/run/lattice-engine-{$RUNNER_1,$RUNNER_2}.sock, registry $REGISTRY (pid $REGISTRY_PID), logs in $WORK"
    return
  fi
  engine "$RUNNER_1" stop > /dev/null 2>&1 || true
  engine "$RUNNER_2" stop > /dev/null 2>&1 || true
  if [ -n "$REGISTRY_PID" ]; then
    kill "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
others() { pgrep -x java | wc -l; }  # called while this benchmark runs no Maven: other builds and test runs

# run_suite NAME LETTER ARGS...: the example suite on engine LETTER; prints its test phase in ms.
run_suite() {
  local name=$1 letter=$2 log="$WORK/$1.log"
  shift 2
  echo "   load before $name: $(load) (1, 5, 15 min); other java processes: $(others)" >&2
  if ! DOCKER_HOST="unix:///var/run/lattice-engine-$letter.sock" mvn -B -ntp -o -Dstyle.color=never \
      -pl example-tests -am test -Dtest="$SUITE_TESTS" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dlattice.cache.dir="$WORK/cache-$letter" -Dlattice.explain=true "$@" > "$log" 2>&1; then
    tail -80 "$log" >&2
    echo "ERROR: the example suite failed in the $name run (log above; all of it: $log with BENCH_KEEP=1)." >&2
    exit 1
  fi
  cp example-tests/target/lattice-report/report.json "$WORK/$name.json"
  python3 - "$log" <<'PY'
import re, sys
stamp = re.compile(r'^(\d\d):(\d\d):(\d\d)\.(\d\d\d) ')
def ms(line):
    h, m, s, f = map(int, stamp.match(line).groups())
    return ((h * 60 + m) * 60 + s) * 1000 + f
start = end = None
for line in open(sys.argv[1], errors='replace'):
    if not stamp.match(line):
        continue
    if start is None and 'maven-surefire-plugin' in line and '@ lattice-example-tests' in line:
        start = ms(line)
    elif start is not None and ('BUILD SUCCESS' in line or 'BUILD FAILURE' in line):
        end = ms(line)
        break
if start is None or end is None:
    sys.exit("no test phase of lattice-example-tests found in " + sys.argv[1])
print((end - start) % 86_400_000)
PY
}

# What the registry holds under this run's prefix: repositories, tags, and the bytes their manifests name.
registry_contents() {
  python3 - "$PREFIX" "$REGISTRY_PORT" <<'PY'
import json, sys, urllib.request
prefix = sys.argv[1]
base = f"http://127.0.0.1:{sys.argv[2]}/v2/"
def get(path, accept=None):
    request = urllib.request.Request(base + path)
    if accept:
        request.add_header("Accept", accept)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)
repos = [r for r in get("_catalog?n=1000")["repositories"] if r.startswith(prefix + "/")]
tags = size = 0
seen = set()
accept = ", ".join(["application/vnd.oci.image.manifest.v1+json",
                    "application/vnd.docker.distribution.manifest.v2+json"])
for repo in repos:
    for tag in get(repo + "/tags/list").get("tags") or []:
        tags += 1
        manifest = get(repo + "/manifests/" + tag, accept)
        for blob in manifest.get("layers", []) + [manifest.get("config", {})]:
            if blob.get("digest") and blob["digest"] not in seen:
                seen.add(blob["digest"])
                size += blob.get("size", 0)
names = sorted({r[len(prefix) + 1:] for r in repos})
print(f"{len(repos)} repositories ({', '.join(names)}), {tags} tags, {size / 1e6:.0f} MB of distinct blobs")
PY
}

# Where a run's time went, from its run report and its explain lines.
breakdown() {
  python3 - "$WORK/$1.json" "$WORK/$1.log" <<'PY'
import json, re, sys
from collections import defaultdict
report = json.load(open(sys.argv[1]))
log = open(sys.argv[2], errors='replace').read().splitlines()
run = report["runs"][0]
span = run["end"] - run["start"]
print(f"   run (Lattice's first use to the run's end): {span / 1000:.1f} s")

status_count, status_ms = defaultdict(int), defaultdict(int)
starts, ends = [], []
for pipeline in report.get("pipelines", []):
    for step in pipeline.get("steps", []):
        status_count[step.get("status")] += 1
        status_ms[step.get("status")] += step.get("durationMs", 0) or 0
        if "start" in step and "end" in step:
            starts.append(step["start"]); ends.append(step["end"])
steps = ", ".join(f"{s} {status_count[s]} ({status_ms[s] / 1000:.1f} s)" for s in sorted(status_count))
print(f"   pipeline steps: {steps}  [time summed over steps; they overlap]")
if starts:
    print(f"   steps' span: {(max(ends) - min(starts)) / 1000:.1f} s, from {(min(starts) - run['start']) / 1000:.1f} s into the run")

# Registry work as the report records it: any numeric field whose name speaks of the registry, a lookup, a pull,
# a push or a volume import/export, summed by name wherever it appears.
fields = defaultdict(lambda: [0, 0])
def walk(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and re.search(
                    r"registry|lookup|pull|push|import|export|volume", key, re.I):
                fields[key][0] += value; fields[key][1] += 1
            else:
                walk(value, key)
    elif isinstance(node, list):
        for item in node:
            walk(item, path)
walk(report)
for key, (total, count) in sorted(fields.items()):
    print(f"   report field {key}: {total} over {count} entries")

services = [s for s in report.get("services", []) if s.get("requested") and s.get("ready")]
if services:
    waits = [s["ready"] - s["requested"] for s in services]
    print(f"   services: {len(services)} started, requested-to-ready {sum(waits) / 1000:.1f} s summed, "
          f"longest {max(waits) / 1000:.1f} s")
cells = [c for m in report.get("matrices", []) for c in m.get("cells", []) if c.get("start") and c.get("end")]
if cells:
    first, last = min(c["start"] for c in cells), max(c["end"] for c in cells)
    print(f"   cells: {len(cells)}, from {(first - run['start']) / 1000:.1f} s to {(last - run['start']) / 1000:.1f} s "
          f"into the run ({(last - first) / 1000:.1f} s), {sum(c.get('durationMs', 0) for c in cells) / 1000:.1f} s summed")

# The explain and progress lines (-Dlattice.explain=true): how many lines give each verdict.
verdicts = defaultdict(int)
for line in log:
    for verdict in ("LOCAL", "PULLED", "BUILT", "CACHED"):
        if re.search(r"\b" + verdict + r"\b", line):
            verdicts[verdict] += 1
print("   explain/progress lines: " + (", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "none"))
# The registry cache's summary at the run's end: lookups, pulls, pushes (and the end's wait), volume transfers.
summaries = [line for line in log if "Registry cache " in line and "lookups=" in line]
for line in summaries:
    print("   " + line[line.index("Registry cache "):].strip())
if not summaries:
    print("   no registry cache summary in the log (a Lattice without the registry cache, or no registry set)")
warnings = [line for line in log if re.search(r"WARN.*regist|regist.*(refused|unreachable|failed)", line, re.I)]
for line in warnings[:5]:
    print("   warning: " + line.strip()[:200])
PY
}

echo "== machine: $(nproc) cores, load $(load) (1, 5, 15 min), $(others) other java processes"
echo "== a registry, and two empty engines as two CI runners ($RUNNER_1, $RUNNER_2)"
for letter in "$RUNNER_1" "$RUNNER_2"; do
  if [ -S "/var/run/lattice-engine-$letter.sock" ] || [ -d "/var/lib/lattice-engine-$letter" ]; then
    trap - EXIT   # not this run's engine: leave it as it is
    rm -rf "$WORK"
    echo "ERROR: engine $letter (/var/run/lattice-engine-$letter.sock) already exists, maybe another run's. Pick two" \
         "free letters with BENCH_ENGINES='e f', or stop it (LATTICE_SECOND_ENGINE=$letter bash scripts/second-engine.sh stop)" \
         "if it is yours." >&2
    exit 1
  fi
done
command -v docker-registry >/dev/null 2>&1 \
  || { echo "ERROR: docker-registry is not installed; 'bash scripts/registry.sh' installs it (apt-get)." >&2; exit 1; }
if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$REGISTRY_PORT/v2/" || true)" != 000 ]; then
  echo "ERROR: 127.0.0.1:$REGISTRY_PORT is taken; give the benchmark's registry another port with BENCH_REGISTRY_PORT." >&2
  exit 1
fi
mkdir -p "$WORK/registry/storage"
cat > "$WORK/registry/config.yml" <<EOT
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/registry/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$REGISTRY_PORT
EOT
docker-registry serve "$WORK/registry/config.yml" > "$WORK/registry/log" 2>&1 &
REGISTRY_PID=$!
for _ in $(seq 1 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$REGISTRY_PORT/v2/" || true)" = 200 ] && break
  sleep 0.1
done
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$REGISTRY_PORT/v2/" || true)" = 200 ] \
  || { cat "$WORK/registry/log" >&2; echo "ERROR: the benchmark's registry did not start (log above)." >&2; exit 1; }
for letter in "$RUNNER_1" "$RUNNER_2"; do
  engine "$letter" >> "$WORK/setup.log"   # a new engine: no image but the base image, no volume
done
echo "== compiling the modules (untimed)"
mvn -B -q -ntp -o -pl example-tests -am test-compile > "$WORK/compile.log" 2>&1 || { tail -60 "$WORK/compile.log" >&2; exit 1; }

echo "== runner 1 ($RUNNER_1), empty engine, registry $REGISTRY read-write"
COLD_MS=$(run_suite cold "$RUNNER_1" -Dlattice.cache.registry="$REGISTRY" -Dlattice.cache.registry.mode=readwrite)
echo "cold: example suite's test phase in ${COLD_MS} ms"
CONTENTS=$(registry_contents)
echo "registry after the cold run: $CONTENTS"
case "$CONTENTS" in
  0\ repositories*)
    echo "ERROR: the cold run pushed nothing to $REGISTRY: this build of Lattice has no registry cache, or it is" \
         "off (look for lattice.cache.registry in $WORK/cold.log with BENCH_KEEP=1)." >&2
    exit 1 ;;
esac

echo "== runner 2 ($RUNNER_2), empty engine, registry warm, read-only"
REGISTRY_MS=$(run_suite registry-warm "$RUNNER_2" -Dlattice.cache.registry="$REGISTRY" -Dlattice.cache.registry.mode=read)
echo "registry-warm: example suite's test phase in ${REGISTRY_MS} ms"
echo "== runner 2 again, warm in its own store"
LOCAL_MS=$(run_suite local-warm "$RUNNER_2" -Dlattice.cache.registry="$REGISTRY" -Dlattice.cache.registry.mode=read)
echo "local-warm: example suite's test phase in ${LOCAL_MS} ms"

for run in cold registry-warm local-warm; do
  echo "== where the $run run's time went"
  breakdown "$run"
done
echo "== machine at the end: load $(load) (1, 5, 15 min), $(others) other java processes"

awk -v cold="$COLD_MS" -v reg="$REGISTRY_MS" -v local="$LOCAL_MS" 'BEGIN {
  printf "RESULT cold_s=%.1f registry_warm_s=%.1f local_warm_s=%.1f registry_vs_cold=%.2f\n",
         cold / 1000, reg / 1000, local / 1000, reg / cold }'
