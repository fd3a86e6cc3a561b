#!/bin/sh
# Starts MariaDB the way the official image does: MARIADB_* (or MYSQL_*) ROOT_PASSWORD, DATABASE, USER and
# PASSWORD are honoured, and arguments after "mariadbd" go to the server. A first start initialises the data
# directory with a temporary server that listens on no port, so the port opens only when the server is ready.
# "lattice-entrypoint init" does only that initialisation and marks the data directory with the credentials it
# was made for; the recipe runs it at build time with the catalog's own. A first start with exactly those
# credentials then takes the data directory over and starts the server at once; a first start with any others
# deletes it and initialises as above.
# Durability settings are off: this server holds test data.
set -eu
ROOT_PASSWORD="${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}"
DATABASE="${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}"
USER_NAME="${MARIADB_USER:-${MYSQL_USER:-}}"
USER_PASSWORD="${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}"
mode=start
case "${1:-}" in
  init) mode=init; shift ;;
  mariadbd|mysqld) shift ;;
esac

# The marker holds a digest of what initialisation depends on, not the passwords themselves.
marker=/var/lib/mysql/lattice-initialised-for
wanted=$(printf '%s\n' "$ROOT_PASSWORD" "$DATABASE" "$USER_NAME" "$USER_PASSWORD" | sha256sum | cut -d' ' -f1)
if [ -f "$marker" ]; then
  if [ "$mode" = start ] && [ "$(cat "$marker")" = "$wanted" ]; then
    rm -f "$marker"
  else
    find /var/lib/mysql -mindepth 1 -delete
  fi
fi

if [ ! -d /var/lib/mysql/mysql ]; then
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db \
    --auth-root-authentication-method=normal > /dev/null
  mariadbd --user=mysql --skip-networking --socket=/tmp/init.sock &
  server=$!
  tries=0
  until mariadb-admin --socket=/tmp/init.sock -uroot ping > /dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then echo "lattice-entrypoint: the temporary server did not start" >&2; exit 1; fi
    sleep 0.1
  done
  {
    echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$ROOT_PASSWORD';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "$DATABASE" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$DATABASE\`;"; fi
    if [ -n "$USER_NAME" ]; then
      echo "CREATE USER '$USER_NAME'@'%' IDENTIFIED BY '$USER_PASSWORD';"
      if [ -n "$DATABASE" ]; then echo "GRANT ALL ON \`$DATABASE\`.* TO '$USER_NAME'@'%';"; fi
    fi
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$ROOT_PASSWORD';"
  } | mariadb --socket=/tmp/init.sock -uroot
  mariadb-admin --socket=/tmp/init.sock -uroot --password="$ROOT_PASSWORD" shutdown
  wait "$server" || true
fi
if [ "$mode" = init ]; then
  echo "$wanted" > "$marker"
  exit 0
fi
exec mariadbd --user=mysql --bind-address=0.0.0.0 --port=3306 --skip-name-resolve \
  --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --sync-binlog=0 "$@"
