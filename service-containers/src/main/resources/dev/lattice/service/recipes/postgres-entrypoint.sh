#!/bin/sh
# Starts PostgreSQL the way the official image does: POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB and PGDATA
# are honoured, and arguments after "postgres" go to the server. A first start initialises the cluster with a
# temporary server (so "ready to accept connections" is printed twice, as tools that wait for it expect).
# "lattice-entrypoint init" does only that initialisation and marks the cluster with the credentials it was made
# for; the recipe runs it at build time with the catalog's own. A first start with exactly those credentials then
# takes the cluster over and starts the server at once ("ready to accept connections" is printed once); a first
# start with any others deletes it and initialises as above.
# Durability settings are off: this server holds test data, and per-cell databases must be created fast.
set -eu
PGDATA="${PGDATA:-/var/lib/postgresql/data}"
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
marker="$PGDATA/lattice-initialised-for"
wanted=$(printf '%s\n' "$POSTGRES_USER" "$POSTGRES_PASSWORD" "$POSTGRES_DB" "$host_auth" | sha256sum | cut -d' ' -f1)
if [ -f "$marker" ]; then
  if [ "$mode" = start ] && [ "$(cat "$marker")" = "$wanted" ]; then
    rm -f "$marker"
  else
    find "$PGDATA" -mindepth 1 -delete
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
  echo "$wanted" > "$marker"
  exit 0
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off "$@"
