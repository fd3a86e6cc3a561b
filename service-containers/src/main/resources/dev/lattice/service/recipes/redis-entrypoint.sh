#!/bin/sh
# Starts Redis for any client on the network, with a password when REDIS_PASSWORD is set; arguments after
# "redis-server" go to the server. Nothing is persisted: this server holds test data.
set -eu
case "${1:-}" in redis-server) shift ;; esac
if [ -n "${REDIS_PASSWORD:-}" ]; then set -- --requirepass "$REDIS_PASSWORD" "$@"; fi
exec redis-server --bind 0.0.0.0 --protected-mode no --save '' --appendonly no "$@"
