#!/usr/bin/env bash
# Leaves a working Docker engine and the base image Lattice's tests use, changing nothing that already works.
#
#   1. If `docker info` answers (any DOCKER_HOST), that engine is used as it is.
#      Otherwise, on Debian/Ubuntu as root: install docker.io if dockerd is missing, clear a stale
#      pid file, start dockerd in the background (log: $LATTICE_DOCKERD_LOG) and wait for it.
#   2. Install podman and socat when missing (apt-get, as root): the engine tests also run Lattice on
#      Podman's Docker API and on an engine reached over TCP (socat in front of the engine socket).
#   3. Make sure the image debian:bookworm-slim exists: pulled where a registry answers, otherwise
#      built with debootstrap from this machine's Debian mirror and imported. Either way the image
#      trusts the host's extra CA certificates (/usr/local/share/ca-certificates/*.crt), so Maven,
#      npm and curl work inside containers behind a TLS-intercepting proxy.
#
# Idempotent: a second run only checks, in a few seconds. One line per action, with its duration.
# Environment: LATTICE_BASE_IMAGE (default debian:bookworm-slim), LATTICE_DEBIAN_MIRROR (default: the
# first mirror in this machine's apt sources), LATTICE_DOCKERD_LOG (default /var/log/lattice-dockerd.log),
# LATTICE_PULL_TIMEOUT (seconds, default 20).
set -euo pipefail

BASE_IMAGE="${LATTICE_BASE_IMAGE:-debian:bookworm-slim}"
DOCKERD_LOG="${LATTICE_DOCKERD_LOG:-/var/log/lattice-dockerd.log}"
PULL_TIMEOUT="${LATTICE_PULL_TIMEOUT:-20}"
EXTRA_CA_DIR=/usr/local/share/ca-certificates

now_ms() { date +%s%3N; }
SCRIPT_START=$(now_ms)
step_start=0
begin() { step_start=$(now_ms); }
done_line() { printf '[docker-engine] %-60s %6d ms\n' "$1" "$(( $(now_ms) - step_start ))"; }
fail() { printf '[docker-engine] ERROR: %s\n' "$1" >&2; exit 1; }

# Prefer the client that matches the engine Debian installs; fall back to whatever is on PATH.
if [ -x /usr/bin/docker ]; then DOCKER_BIN=/usr/bin/docker; else DOCKER_BIN=$(command -v docker || echo docker); fi
docker_cli() { "$DOCKER_BIN" "$@"; }
engine_answers() { docker_cli info >/dev/null 2>&1; }

manual_steps() {
  cat >&2 <<'EOT'
[docker-engine] No Docker engine answers, and this script cannot start one here
                (it needs root and apt-get, on Debian or Ubuntu). Start one by hand:
                  sudo apt-get update && sudo apt-get install -y docker.io
                  sudo rm -f /var/run/docker.pid && sudo sh -c 'dockerd >/var/log/dockerd.log 2>&1 &'
                  docker info        # must answer before the tests run
                or point DOCKER_HOST at an engine you can reach, then run this script again.
EOT
  exit 1
}

# Whether the dockerd of /var/run/docker.pid runs: its process is still a dockerd (pids are reused after a kill) and
# not a zombie ("PID (COMM) STATE ..." in /proc/PID/stat; a killed dockerd not yet reaped is one).
own_dockerd_runs() {
  local stat
  stat=$(cat "/proc/$(cat /var/run/docker.pid 2>/dev/null)/stat" 2>/dev/null) || return 1
  [[ "$stat" == *"(dockerd) "[!Z]* ]]
}

ensure_engine() {
  begin
  if engine_answers; then
    done_line "engine answers ($(docker_cli version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    return
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    fail "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there. Start that engine, or unset DOCKER_HOST to let this script start a local one."
  fi
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || manual_steps

  if ! command -v dockerd >/dev/null 2>&1; then
    begin
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq docker.io >/dev/null
    done_line "installed docker.io with apt-get"
  fi

  begin
  if [ -f /var/run/docker.pid ] && ! own_dockerd_runs; then
    rm -f /var/run/docker.pid
    done_line "removed stale /var/run/docker.pid"
    begin
  fi
  # The pid file, not the process name: a second engine (scripts/second-engine.sh) is a dockerd too.
  if [ ! -f /var/run/docker.pid ]; then
    mkdir -p "$(dirname "$DOCKERD_LOG")"
    # setsid: the engine outlives this script and the shell that ran it.
    setsid dockerd >>"$DOCKERD_LOG" 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 120); do
    engine_answers && break
    sleep 0.5
  done
  if ! engine_answers; then
    echo "[docker-engine] dockerd did not answer within 60 s; last lines of $DOCKERD_LOG:" >&2
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    exit 1
  fi
  done_line "started dockerd (log: $DOCKERD_LOG)"
}

extra_cas() { find "$EXTRA_CA_DIR" -maxdepth 2 -name '*.crt' -type f 2>/dev/null | sort; }

# The mirror this machine's apt already uses, so the image comes from the same place.
debian_mirror() {
  if [ -n "${LATTICE_DEBIAN_MIRROR:-}" ]; then echo "$LATTICE_DEBIAN_MIRROR"; return; fi
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' /etc/apt/sources.list)
  fi
  echo "$uri"
}

# Adds the host's extra CA certificates to an image that came from a registry.
trust_extra_cas_in_pulled_image() {
  [ -n "$(extra_cas)" ] || return 0
  begin
  local ctx
  ctx=$(mktemp -d)
  mkdir -p "$ctx/certs"
  extra_cas | while read -r crt; do cp "$crt" "$ctx/certs/"; done
  cat >"$ctx/Dockerfile" <<EOT
FROM $BASE_IMAGE
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
 && update-ca-certificates && rm -rf /var/lib/apt/lists/*
EOT
  docker_cli build -q -t "$BASE_IMAGE" "$ctx" >/dev/null
  rm -rf "$ctx"
  done_line "added the host's extra CA certificates to $BASE_IMAGE"
}

build_base_image_with_debootstrap() {
  if ! command -v debootstrap >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 \
      || fail "$BASE_IMAGE is missing, no registry answers, and debootstrap is not installed. Install debootstrap (apt-get install debootstrap) as root, or load the image with 'docker load', then run this script again."
    begin
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    done_line "installed debootstrap with apt-get"
  fi
  local suite="${BASE_IMAGE#*:}"
  suite="${suite%-slim}"
  local rootfs
  rootfs=$(mktemp -d /tmp/lattice-rootfs.XXXXXX)
  begin
  local mirror
  mirror=$(debian_mirror)
  # shellcheck disable=SC2086
  if ! debootstrap --variant=minbase --include=ca-certificates "$suite" "$rootfs" $mirror >"$rootfs.log" 2>&1; then
    tail -n 20 "$rootfs.log" >&2
    rm -rf "$rootfs"
    fail "debootstrap of '$suite' failed (log above). Check that this machine reaches its Debian mirror, or set LATTICE_DEBIAN_MIRROR."
  fi
  rm -f "$rootfs.log"
  done_line "debootstrapped $suite (minbase) into $rootfs"

  begin
  if [ -n "$(extra_cas)" ]; then
    extra_cas | while read -r crt; do cp "$crt" "$rootfs/usr/local/share/ca-certificates/"; done
    chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
  fi
  # Slim: no package lists or downloaded archives; apt-get update is every build's first step anyway.
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log
  done_line "trusted $(extra_cas | wc -l) extra CA certificate(s), trimmed the rootfs"

  begin
  tar -C "$rootfs" -c . | docker_cli import \
    --change 'CMD ["bash"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'LABEL dev.lattice.base-image=debootstrap' \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  done_line "imported $BASE_IMAGE"
}

ensure_base_image() {
  begin
  if docker_cli image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    done_line "image $BASE_IMAGE present"
    return
  fi
  if timeout "$PULL_TIMEOUT" "$DOCKER_BIN" pull -q "$BASE_IMAGE" >/dev/null 2>&1; then
    done_line "pulled $BASE_IMAGE"
    trust_extra_cas_in_pulled_image
    return
  fi
  done_line "no registry serves $BASE_IMAGE; building it locally"
  build_base_image_with_debootstrap
}

# The tests for other engines need these; a machine without them fails those tests rather than skipping them.
ensure_engine_test_tools() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  begin
  if [ "${#missing[@]}" -eq 0 ]; then
    done_line "podman and socat present"
    return
  fi
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "${missing[*]} missing; the engine tests need them. Install them (apt-get install ${missing[*]}) as root, then run this script again."
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  done_line "installed ${missing[*]} with apt-get"
}

# An engine on this host whose default bridge interface went away starts no container ("could not find bridge
# docker0"); say so once here rather than in every test.
check_default_bridge() {
  # Only for the engine this machine runs: one reached through a socket mounted from elsewhere (CI in a container)
  # has its bridge in another network namespace.
  [ -z "${DOCKER_HOST:-}" ] && own_dockerd_runs && command -v ip >/dev/null 2>&1 || return 0
  local name
  name=$(docker_cli network inspect bridge --format '{{index .Options "com.docker.network.bridge.name"}}' 2>/dev/null) || return 0
  [ -n "$name" ] && [ "$name" != "<no value>" ] || return 0
  ip link show "$name" >/dev/null 2>&1 \
    || fail "the engine's default bridge interface $name is gone, so it can start no container. Restart dockerd (kill \$(cat /var/run/docker.pid), then run this script again)."
}

ensure_engine
check_default_bridge
ensure_engine_test_tools
ensure_base_image
printf '[docker-engine] %-60s %6d ms\n' "ready" "$(( $(now_ms) - SCRIPT_START ))"
