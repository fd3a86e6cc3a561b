#!/usr/bin/env bash
# Leaves three OCI registries on loopback for the registry cache's tests: Debian's docker-registry (the
# distribution registry, 2.8), each with its own configuration and storage, deletes enabled.
#
#   127.0.0.1:5000   no authentication                         storage: $ROOT/open
#   127.0.0.1:5001   basic auth, user lattice / lattice-secret  storage: $ROOT/auth
#   127.0.0.1:5003   token auth: clients get a token from the   storage: $ROOT/token
#                    realm http://127.0.0.1:5004/token, which no process serves until a test starts its token
#                    service there (engine-client's TokenService: user lattice / lattice-secret, tokens signed
#                    with $ROOT/token/token.key, whose self-signed certificate token.crt the registry trusts)
#
#   1. Install docker-registry, apache2-utils (htpasswd -B makes the bcrypt password file), openssl and curl when
#      missing (apt-get, as root).
#   2. For each registry that does not answer on its port: clear a stale pid file, write its configuration
#      (the token registry's key and certificate are made once, with openssl), start it in the background
#      (log: $LOG_DIR/lattice-registry-NAME.log) and wait until /v2/ answers.
#   3. The first time the basic auth one starts, check its basic auth over plain HTTP with the Docker CLI
#      (the engine treats 127.0.0.0/8 as insecure registries): docker login, push and pull a tiny image,
#      with a throwaway DOCKER_CONFIG (the real ~/.docker/config.json is never written).
#   4. On every run, check the token one as far as is possible without the tests' token service:
#      /v2/ without a token answers 401 with a challenge naming the realm, and with a token signed here by
#      token.key (as the token service signs) answers 200.
#
# Idempotent: a second run only checks, in well under a second. One line per action, with its duration.
#   bash scripts/registry.sh          start (or check) all three
#   bash scripts/registry.sh stop     stop them and delete their storage, configuration, keys and logs
# Environment: LATTICE_REGISTRY_ROOT (default /var/lib/lattice-registry), LATTICE_REGISTRY_LOG_DIR (default /var/log).
set -euo pipefail

ROOT="${LATTICE_REGISTRY_ROOT:-/var/lib/lattice-registry}"
LOG_DIR="${LATTICE_REGISTRY_LOG_DIR:-/var/log}"
USER_NAME=lattice
PASSWORD=lattice-secret
# The token registry's settings; the tests' token service (engine-client's TokenService) uses the same.
TOKEN_REALM=http://127.0.0.1:5004/token
TOKEN_SERVICE=lattice-registry-token
TOKEN_ISSUER=lattice-token-service
# name port auth (none, basic or token)
REGISTRIES=("open 5000 none" "auth 5001 basic" "token 5003 token")

now_ms() { date +%s%3N; }
SCRIPT_START=$(now_ms)
step_start=0
begin() { step_start=$(now_ms); }
done_line() { printf '[registry] %-60s %6d ms\n' "$1" "$(( $(now_ms) - step_start ))"; }
fail() { printf '[registry] ERROR: %s\n' "$1" >&2; exit 1; }

if [ -x /usr/bin/docker ]; then DOCKER_BIN=/usr/bin/docker; else DOCKER_BIN=$(command -v docker || echo docker); fi

pid_file() { echo "/var/run/lattice-registry-$1.pid"; }
log_file() { echo "$LOG_DIR/lattice-registry-$1.log"; }
# HTTP status of GET /v2/ (200 open, 401 behind auth), or 000 when nothing answers.
status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/v2/" 2>/dev/null || true; }
expected_status() { if [ "$1" = none ]; then echo 200; else echo 401; fi; }
running_pid() {
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

install_packages() {
  local missing=()
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  [ "${#missing[@]}" -eq 0 ] && return
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 \
    || fail "${missing[*]} missing, and installing needs root and apt-get. Install them (sudo apt-get install -y ${missing[*]}), then run this script again."
  begin
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  done_line "installed ${missing[*]} with apt-get"
  # Debian's package also starts a service of its own on :5000 where systemd runs (a CI runner, not a container):
  # that one goes, so this script's registries get their ports.
  if [[ " ${missing[*]} " == *" docker-registry "* ]] && [ -d /run/systemd/system ]; then
    begin
    systemctl disable --now docker-registry >/dev/null 2>&1 || true
    done_line "stopped and disabled the package's own docker-registry service"
  fi
}

write_config() {  # name port auth
  local dir="$ROOT/$1"
  mkdir -p "$dir/storage"
  {
    cat <<EOT
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$2
  headers:
    X-Content-Type-Options: [nosniff]
EOT
    if [ "$3" = basic ]; then
      cat <<EOT
auth:
  htpasswd:
    realm: lattice-registry
    path: $dir/htpasswd
EOT
    elif [ "$3" = token ]; then
      cat <<EOT
auth:
  token:
    realm: $TOKEN_REALM
    service: $TOKEN_SERVICE
    issuer: $TOKEN_ISSUER
    rootcertbundle: $dir/token.crt
EOT
    fi
  } > "$dir/config.yml"
  if [ "$3" = basic ]; then
    htpasswd -Bbn "$USER_NAME" "$PASSWORD" > "$dir/htpasswd"
  elif [ "$3" = token ]; then
    make_token_key "$dir"
  fi
}

# The key the tests' token service signs with and the certificate the registry trusts, made once: a token signed
# before a restart stays valid.
make_token_key() {  # dir
  [ -f "$1/token.key" ] && [ -f "$1/token.crt" ] && return
  begin
  command -v openssl >/dev/null 2>&1 \
    || fail "openssl is missing; it makes the token registry's signing key. Install it (sudo apt-get install -y openssl), then run this script again."
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1/token.key" 2>"$1/openssl.err" \
    || fail "openssl could not make the token signing key $1/token.key: $(cat "$1/openssl.err"). Run 'bash scripts/registry.sh stop', then this script again."
  openssl req -x509 -new -key "$1/token.key" -subj "/CN=$TOKEN_ISSUER" -days 3650 -out "$1/token.crt" 2>"$1/openssl.err" \
    || fail "openssl could not make the token certificate $1/token.crt: $(cat "$1/openssl.err"). Run 'bash scripts/registry.sh stop', then this script again."
  rm -f "$1/openssl.err"
  # The tests read it, as whichever user runs them: a throwaway key that only this loopback registry trusts.
  chmod 644 "$1/token.key"
  done_line "made the token signing key and certificate in $1"
}

STARTED=no
start_registry() {  # name port auth; sets STARTED=yes when it started the registry
  local name=$1 port=$2 auth=$3 status
  STARTED=no
  begin
  status=$(status_of "$port")
  if [ "$status" = "$(expected_status "$auth")" ] && running_pid "$name" >/dev/null; then
    done_line "$name registry answers on 127.0.0.1:$port (HTTP $status on /v2/)"
    return
  fi
  [ "$status" = 000 ] || fail "127.0.0.1:$port answers (HTTP $status) but not as this script's $name registry (no live pid in $(pid_file "$name")). Stop what listens there (ss -ltnp | grep :$port; Debian's own service: systemctl disable --now docker-registry), then run this script again."
  if [ -f "$(pid_file "$name")" ]; then
    rm -f "$(pid_file "$name")"
    done_line "removed stale $(pid_file "$name")"
    begin
  fi
  write_config "$name" "$port" "$auth"
  mkdir -p "$LOG_DIR"
  # setsid: the registry outlives this script and the shell that ran it.
  setsid docker-registry serve "$ROOT/$name/config.yml" >>"$(log_file "$name")" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
  for _ in $(seq 1 100); do
    [ "$(status_of "$port")" = "$(expected_status "$auth")" ] && break
    kill -0 "$(cat "$(pid_file "$name")")" 2>/dev/null || break
    sleep 0.1
  done
  status=$(status_of "$port")
  if [ "$status" != "$(expected_status "$auth")" ]; then
    echo "[registry] the $name registry did not answer on 127.0.0.1:$port within 10 s (HTTP $status); last lines of $(log_file "$name"):" >&2
    tail -n 20 "$(log_file "$name")" >&2 || true
    exit 1
  fi
  done_line "started the $name registry on 127.0.0.1:$port (log: $(log_file "$name"))"
  STARTED=yes
}

# docker login + push + pull against the authenticated registry, with a throwaway client configuration.
check_auth_with_docker_cli() {
  "$DOCKER_BIN" info >/dev/null 2>&1 \
    || fail "no Docker engine answers, so basic auth on 127.0.0.1:5001 cannot be checked. Run 'bash scripts/docker-engine.sh' first."
  local base="${LATTICE_BASE_IMAGE:-debian:bookworm-slim}" config ref tag
  "$DOCKER_BIN" image inspect "$base" >/dev/null 2>&1 \
    || fail "image $base is missing, so basic auth on 127.0.0.1:5001 cannot be checked. Run 'bash scripts/docker-engine.sh' first."
  config=$(mktemp -d /tmp/lattice-registry-login.XXXXXX)
  tag="check-$$"
  ref="127.0.0.1:5001/lattice-registry-check/base:$tag"
  begin
  if ! printf '%s' "$PASSWORD" | DOCKER_CONFIG="$config" "$DOCKER_BIN" login -u "$USER_NAME" --password-stdin 127.0.0.1:5001 >/dev/null 2>"$config/err"; then
    cat "$config/err" >&2; rm -rf "$config"
    fail "docker login 127.0.0.1:5001 as $USER_NAME failed (above). See $(log_file auth); 'bash scripts/registry.sh stop' then this script starts it afresh."
  fi
  if printf 'wrong' | DOCKER_CONFIG="$config/wrong" "$DOCKER_BIN" login -u "$USER_NAME" --password-stdin 127.0.0.1:5001 >/dev/null 2>&1; then
    rm -rf "$config"
    fail "127.0.0.1:5001 accepted a wrong password: its htpasswd auth is not in force. See $ROOT/auth/config.yml."
  fi
  done_line "docker login 127.0.0.1:5001 over HTTP (a wrong password is refused)"
  begin
  "$DOCKER_BIN" tag "$base" "$ref"
  if ! DOCKER_CONFIG="$config" "$DOCKER_BIN" push -q "$ref" >/dev/null 2>"$config/err"; then
    "$DOCKER_BIN" rmi "$ref" >/dev/null 2>&1 || true
    cat "$config/err" >&2; rm -rf "$config"
    fail "docker push to 127.0.0.1:5001 with credentials failed (above). See $(log_file auth)."
  fi
  "$DOCKER_BIN" rmi "$ref" >/dev/null
  if ! DOCKER_CONFIG="$config" "$DOCKER_BIN" pull -q "$ref" >/dev/null 2>"$config/err"; then
    cat "$config/err" >&2; rm -rf "$config"
    fail "docker pull from 127.0.0.1:5001 with credentials failed (above). See $(log_file auth)."
  fi
  "$DOCKER_BIN" rmi "$ref" >/dev/null
  if DOCKER_CONFIG="$config/anonymous" "$DOCKER_BIN" pull -q "$ref" >/dev/null 2>&1; then
    "$DOCKER_BIN" rmi "$ref" >/dev/null 2>&1 || true
    rm -rf "$config"
    fail "127.0.0.1:5001 served a pull without credentials: its htpasswd auth is not in force. See $ROOT/auth/config.yml."
  fi
  rm -rf "$config"
  # The tests start from an empty registry: the check's repository and blobs go (nothing else has used this
  # registry since it started a moment ago, and it keeps no cache of what its storage holds).
  rm -rf "$ROOT/auth/storage/docker"
  done_line "push and pull of $base through 127.0.0.1:5001 with credentials (none: refused)"
}

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A token for GET /v2/ (no access to any repository), valid for a minute, signed with token.key and carrying its
# certificate in x5c, as the tests' token service signs.
check_token() {
  local dir="$ROOT/token" now header claims
  now=$(date +%s)
  header=$(printf '{"typ":"JWT","alg":"RS256","x5c":["%s"]}' \
    "$(openssl x509 -in "$dir/token.crt" -outform DER | openssl base64 -A)" | base64url)
  claims=$(printf '{"iss":"%s","sub":"registry-check","aud":"%s","exp":%d,"nbf":%d,"iat":%d,"jti":"check-%s","access":[]}' \
    "$TOKEN_ISSUER" "$TOKEN_SERVICE" $((now + 60)) "$now" "$now" "$$" | base64url)
  printf '%s.%s.%s' "$header" "$claims" \
    "$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$dir/token.key" -binary | base64url)"
}

check_token_registry() {
  local challenge status expected
  begin
  expected="Bearer realm=\"$TOKEN_REALM\",service=\"$TOKEN_SERVICE\""
  challenge=$(curl -s -o /dev/null -D - --max-time 2 http://127.0.0.1:5003/v2/ | tr -d '\r' \
    | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: //p')
  [ "$challenge" = "$expected" ] \
    || fail "127.0.0.1:5003 answered GET /v2/ with the challenge '$challenge', not '$expected'. See $ROOT/token/config.yml; 'bash scripts/registry.sh stop' then this script starts it afresh."
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Authorization: Bearer $(check_token)" \
    http://127.0.0.1:5003/v2/ || true)
  [ "$status" = 200 ] \
    || fail "127.0.0.1:5003 answered HTTP $status, not 200, to GET /v2/ with a token signed by $ROOT/token/token.key: it does not trust that key's certificate. See $(log_file token); 'bash scripts/registry.sh stop' then this script makes a new key and starts it afresh."
  done_line "127.0.0.1:5003 challenges for $TOKEN_REALM and takes a token signed by its key"
}

stop_all() {
  local entry name port pid
  for entry in "${REGISTRIES[@]}"; do
    read -r name port _ <<<"$entry"
    begin
    if pid=$(running_pid "$name"); then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      done_line "stopped the $name registry (pid $pid)"
    else
      done_line "the $name registry is not running"
    fi
    rm -f "$(pid_file "$name")" "$(log_file "$name")"
  done
  begin
  rm -rf "$ROOT"
  done_line "deleted $ROOT (storage, configuration, password file, token key)"
}

case "${1:-start}" in
  start)
    install_packages
    for entry in "${REGISTRIES[@]}"; do
      read -r name port auth <<<"$entry"
      start_registry "$name" "$port" "$auth"
      # The basic auth check pushes an image: once per start. The token check is two requests: every run, so a
      # token registry whose check failed once is not taken as ready the next time.
      if [ "$STARTED" = yes ] && [ "$auth" = basic ]; then check_auth_with_docker_cli; fi
      if [ "$auth" = token ]; then check_token_registry; fi
    done
    printf '[registry] %-60s %6d ms\n' "ready: :5000 (open), :5001 ($USER_NAME), :5003 (token)" "$(( $(now_ms) - SCRIPT_START ))"
    ;;
  stop) stop_all ;;
  *) fail "unknown argument '$1'. Use 'bash scripts/registry.sh' to start the registries or 'bash scripts/registry.sh stop' to stop them and delete their storage." ;;
esac
