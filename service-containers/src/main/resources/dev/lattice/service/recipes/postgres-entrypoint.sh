#!/bin/sh
# Starts PostgreSQL the way the official image does: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and PGDATA
# are honoured, and arguments after "postgres" go to the server. A first start initialises the cluster with a
# temporary server (so "ready to accept connections" is printed twice, as tools that wait for it expect).
# "lattice-entrypoint init" does only that initialisation, into the seed directory, and marks the seed with the
# credentials it was made for; the recipe runs it at build time with the catalog's own. A start on an empty data
# directory with exactly those credentials copies the seed there and starts the server at once ("ready to accept
# connections" is printed once; the catalog's data directory is a tmpfs, which starts empty); a start with any
# others initialises as above.
# Durability settings are off: this server holds test data, and per-cell databases must be created fast.
set -eu
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
SEED=/var/lib/postgresql/seed
POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-}"
host_auth=scram-sha-256
if [ -z "$POSTGRES_PASSWORD" ]; then host_auth="${POSTGRES_HOST_AUTH_METHOD:-trust}"; fi
mode=start
case "${1:-}" in
  init) mode=init; shift ;;
  postgres) shift ;;
esac

# The marker holds a digest of what initialisation depends on, not the password itself.
wanted=$(printf '%s\n' "$POSTGRES_USER" "$POSTGRES_PASSWORD" "$POSTGRES_DB" "$host_auth" | sha256sum | cut -d' ' -f1)
if [ "$mode" = init ]; then
  PGDATA="$SEED"
  mkdir -p -m 0700 "$PGDATA"
  find "$PGDATA" -mindepth 1 -delete
else
  mkdir -p -m 0700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ] && [ -f "$SEED/lattice-initialised-for" ] \
      && [ "$(cat "$SEED/lattice-initialised-for")" = "$wanted" ]; then
    cp -a "$SEED/." "$PGDATA/"
    rm -f "$PGDATA/lattice-initialised-for"
  fi
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-postgres}" > "$pwfile"
  initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host="$host_auth" > /dev/null
  rm -f "$pwfile"
  echo "host all all all $host_auth" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start
  if [ "$POSTGRES_DB" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -h /tmp -U "$POSTGRES_USER" -d postgres -q -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
if [ "$mode" = init ]; then
  echo "$wanted" > "$SEED/lattice-initialised-for"
  exit 0
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off "$@"
