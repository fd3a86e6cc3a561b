#!/usr/bin/env bash
# Everything the full test suite needs on this machine, each part idempotent (a second run only checks):
#   scripts/docker-engine.sh   the Docker engine, podman, socat and the base image
#   scripts/browser.sh         headless chromium and chromedriver (the run report's browser test)
#   scripts/registry.sh        three OCI registries on loopback, :5000 open, :5001 with basic auth and :5003 with
#                              token auth (the registry cache)
#   scripts/second-engine.sh   a second, empty engine at unix:///var/run/lattice-engine-b.sock (another CI runner)
# Usage: bash scripts/test-env.sh && mvn -B -ntp verify
# Stop what it started: bash scripts/registry.sh stop; bash scripts/second-engine.sh stop
set -euo pipefail
cd "$(dirname "$0")"

bash docker-engine.sh
bash browser.sh
bash registry.sh
bash second-engine.sh
