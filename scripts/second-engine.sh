#!/usr/bin/env bash
# Leaves a second, empty Docker engine beside the first, as another CI runner would have one: its own dockerd
# (and containerd), image store, socket and networks. The registry cache's tests build on the first engine and
# pull on this one.
#
#   socket      unix:///var/run/lattice-engine-b.sock
#   data root   /var/lib/lattice-engine-b          (images, volumes, its containerd's content)
#   exec root   /var/run/lattice-engine-b          pid file /var/run/lattice-engine-b.pid
#   networks    bridge lattice-b0 at 10.212.0.1/24; user-defined networks from 10.213.0.0/16 (the first engine
#               uses docker0 and 172.17-31/16, 192.168/16), so no route collides
#
#   1. If the socket answers, the engine is used as it is. Otherwise (as root, with the first engine's dockerd
#      installed: bash scripts/docker-engine.sh): clear a stale pid file and the roots an engine that was killed
#      left, create the bridge, start dockerd in the background (log: /var/log/lattice-engine-b.log) and wait.
#      It runs with --iptables=false, because a second dockerd that manages iptables removes and rebuilds the
#      DOCKER chains the first engine's published ports live in. This script adds the few rules its containers
#      need instead, each tagged "lattice-engine-b": masquerade to the outside and forwarding of their traffic,
#      so apt, Maven Central and npm work from its containers as from the first engine's. Published ports work
#      through docker-proxy.
#   2. Load the base image (debian:bookworm-slim) from the first engine (docker save | docker load keeps the
#      image id, so Lattice's pipeline keys are the same on both engines).
#
# Idempotent: a second run only checks, in well under a second. One line per action, with its duration.
#   bash scripts/second-engine.sh          start (or check) it
#   bash scripts/second-engine.sh stop     stop it, remove its data, bridge and rules
# Use it: DOCKER_HOST=unix:///var/run/lattice-engine-b.sock docker info
# Environment: LATTICE_SECOND_ENGINE=c (d, ... h) starts or stops another such engine instead of b, with its own
# names and addresses (c: lattice-engine-c, lattice-c0, 10.214.0.0/15; each next letter two /16s further), for a
# benchmark that must not share an engine with tests running meanwhile. LATTICE_BASE_IMAGE (default
# debian:bookworm-slim).
set -euo pipefail

fail() { printf '[second-engine] ERROR: %s\n' "$1" >&2; exit 1; }

LETTER="${LATTICE_SECOND_ENGINE:-b}"
case "$LETTER" in
  b) OCTET=212 ;; c) OCTET=214 ;; d) OCTET=216 ;; e) OCTET=218 ;; f) OCTET=220 ;; g) OCTET=222 ;; h) OCTET=224 ;;
  *) fail "LATTICE_SECOND_ENGINE=$LETTER: expected one letter from b to h (b is the tests' second engine)." ;;
esac
NAME=lattice-engine-$LETTER
SOCKET=/var/run/$NAME.sock
HOST="unix://$SOCKET"
DATA_ROOT=/var/lib/$NAME
EXEC_ROOT=/var/run/$NAME
PID_FILE=/var/run/$NAME.pid
BRIDGE=lattice-${LETTER}0
BRIDGE_CIDR=10.$OCTET.0.1/24
POOL=10.$((OCTET + 1)).0.0/16
SUBNETS=10.$OCTET.0.0/15   # the bridge and the pool
BASE_IMAGE="${LATTICE_BASE_IMAGE:-debian:bookworm-slim}"
LOG=/var/log/$NAME.log

now_ms() { date +%s%3N; }
SCRIPT_START=$(now_ms)
step_start=0
begin() { step_start=$(now_ms); }
done_line() { printf '[second-engine] %-60s %6d ms\n' "$1" "$(( $(now_ms) - step_start ))"; }

if [ -x /usr/bin/docker ]; then DOCKER_BIN=/usr/bin/docker; else DOCKER_BIN=$(command -v docker || echo docker); fi
engine_a() { env -u DOCKER_HOST -u DOCKER_CONTEXT "$DOCKER_BIN" "$@"; }
engine_b() { env -u DOCKER_CONTEXT "$DOCKER_BIN" -H "$HOST" "$@"; }
answers() { engine_b info >/dev/null 2>&1; }
running_pid() {  # the pid file's process, when it is still a running dockerd (a pid may be reused after a kill)
  local pid stat
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  # "PID (COMM) STATE ...": a killed dockerd not yet reaped is a zombie (Z).
  [[ "$stat" == *"(dockerd) "[!Z]* ]] && echo "$pid"
}

# iptables rules of this engine: "TABLE CHAIN RULE..." (inserted at the top of the chain, tagged for removal).
RULES=(
  "nat POSTROUTING -s $SUBNETS ! -d $SUBNETS -j MASQUERADE"
  "filter FORWARD -s $SUBNETS -j ACCEPT"
  "filter FORWARD -d $SUBNETS -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"
)
add_rules() {
  local rule table chain spec
  for rule in "${RULES[@]}"; do
    read -r table chain spec <<<"$rule"
    # shellcheck disable=SC2086
    iptables -t "$table" -C "$chain" $spec -m comment --comment "$NAME" 2>/dev/null \
      || iptables -t "$table" -I "$chain" 1 $spec -m comment --comment "$NAME"
  done
}
remove_rules() {
  local rule table chain spec
  for rule in "${RULES[@]}"; do
    read -r table chain spec <<<"$rule"
    # shellcheck disable=SC2086
    while iptables -t "$table" -D "$chain" $spec -m comment --comment "$NAME" 2>/dev/null; do :; done
  done
}

remove_roots() {
  # Mounts a killed engine may leave under its roots (overlay layers, container shm, netns).
  # dockerd may mount the data root onto itself, so the roots themselves are among them.
  # /proc/mounts names them by their real paths (/var/run is a link to /run on Debian).
  local data exec
  data=$(readlink -m "$DATA_ROOT"); exec=$(readlink -m "$EXEC_ROOT")
  grep -oE " ($data|$exec)(/[^ ]*)? " /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$DATA_ROOT" "$EXEC_ROOT"
}

start_engine() {
  local pid
  begin
  if answers; then
    done_line "engine answers at $HOST ($(engine_b version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    return
  fi
  [ "$(id -u)" -eq 0 ] || fail "no engine answers at $HOST, and starting one needs root. Run this script as root."
  command -v dockerd >/dev/null 2>&1 \
    || fail "dockerd is not installed. Run 'bash scripts/docker-engine.sh' (it installs docker.io), then this script again."
  command -v iptables >/dev/null 2>&1 || fail "iptables is missing; the second engine's containers need it for outbound traffic. Install it (apt-get install iptables), then run this script again."
  if pid=$(running_pid); then
    fail "dockerd pid $pid (from $PID_FILE) runs but $HOST does not answer. See $LOG; stop it with 'bash scripts/second-engine.sh stop', then run this script again."
  fi
  if [ -f "$PID_FILE" ]; then
    rm -f "$PID_FILE"
    done_line "removed stale $PID_FILE"
    begin
  fi
  rm -f "$SOCKET"
  # What an engine that was killed (not stopped by this script) left: its roots go, so it starts empty again.
  # Not only tidiness: dockerd started with --default-address-pool on a data root that holds a default bridge
  # network deletes the interface named docker0 (the first engine's bridge, whatever --bridge says), and every
  # container the first engine starts after that fails with "could not find bridge docker0".
  if [ -d "$DATA_ROOT" ] || [ -d "$EXEC_ROOT" ]; then
    remove_roots
    done_line "removed $DATA_ROOT and $EXEC_ROOT left by an engine that did not stop"
    begin
  fi

  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$BRIDGE_CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  [ "$(cat /proc/sys/net/ipv4/ip_forward)" = 1 ] || sysctl -q -w net.ipv4.ip_forward=1
  add_rules
  done_line "bridge $BRIDGE ($BRIDGE_CIDR), masquerade and forwarding for $SUBNETS"

  begin
  mkdir -p "$DATA_ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
  # setsid: the engine outlives this script and the shell that ran it. Its own containerd (started by dockerd
  # under the exec root) and its own containerd namespaces keep its containers apart from the first engine's.
  setsid dockerd \
    --host "$HOST" \
    --data-root "$DATA_ROOT" \
    --exec-root "$EXEC_ROOT" \
    --pidfile "$PID_FILE" \
    --bridge "$BRIDGE" \
    --default-address-pool "base=$POOL,size=24" \
    --iptables=false \
    --ip-masq=false \
    --containerd-namespace "$NAME" \
    --containerd-plugins-namespace "$NAME-plugins" \
    >>"$LOG" 2>&1 < /dev/null &
  local started=$!
  for _ in $(seq 1 120); do
    answers && break
    kill -0 "$started" 2>/dev/null || break   # it exited: its log says why
    sleep 0.5
  done
  if ! answers; then
    echo "[second-engine] dockerd did not answer at $HOST (it exited, or 60 s passed); last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
  done_line "started dockerd at $HOST (log: $LOG)"
}

load_base_image() {
  begin
  local id_a id_b
  id_a=$(engine_a image inspect --format '{{.Id}}' "$BASE_IMAGE" 2>/dev/null) \
    || fail "image $BASE_IMAGE is missing on the first engine. Run 'bash scripts/docker-engine.sh' first."
  id_b=$(engine_b image inspect --format '{{.Id}}' "$BASE_IMAGE" 2>/dev/null || true)
  if [ "$id_b" = "$id_a" ]; then
    done_line "image $BASE_IMAGE present (${id_a:7:12}, as on the first engine)"
    return
  fi
  engine_a save "$BASE_IMAGE" | engine_b load -q >/dev/null
  id_b=$(engine_b image inspect --format '{{.Id}}' "$BASE_IMAGE")
  [ "$id_b" = "$id_a" ] || fail "$BASE_IMAGE loaded with id $id_b, not the first engine's $id_a; pipeline keys would differ. See $LOG."
  done_line "loaded $BASE_IMAGE from the first engine (${id_a:7:12})"
}

stop_engine() {
  begin
  local pid
  if pid=$(running_pid); then
    # Its containers first, so none outlives the engine in its containerd.
    engine_b ps -aq 2>/dev/null | xargs -r "$DOCKER_BIN" -H "$HOST" rm -f >/dev/null 2>&1 || true
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    done_line "stopped dockerd (pid $pid)"
  else
    done_line "no dockerd runs from $PID_FILE"
  fi
  begin
  remove_roots
  rm -f "$PID_FILE" "$SOCKET" "$LOG"
  done_line "removed $DATA_ROOT, $EXEC_ROOT, its socket, pid file and log"
  begin
  if command -v iptables >/dev/null 2>&1; then remove_rules; fi
  if ip link show "$BRIDGE" >/dev/null 2>&1; then ip link delete "$BRIDGE"; fi
  done_line "removed bridge $BRIDGE and the $NAME iptables rules"
}

case "${1:-start}" in
  start)
    start_engine
    load_base_image
    printf '[second-engine] %-60s %6d ms\n' "ready: DOCKER_HOST=$HOST" "$(( $(now_ms) - SCRIPT_START ))"
    ;;
  stop) stop_engine ;;
  *) fail "unknown argument '$1'. Use 'bash scripts/second-engine.sh' to start the second engine or 'bash scripts/second-engine.sh stop' to stop it and remove its data." ;;
esac
