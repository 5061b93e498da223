#!/usr/bin/env bash
# Runs the whole test suite (Java unit and integration tests, Python tests, format and module
# checks, benchmark and chaos smoke runs) after installing what it needs: etcd for the store
# benchmark's smoke run, and a Docker engine for the chaos smoke's containers (without one it runs
# on node processes and says so). Extra arguments go to Maven, e.g. -pl router.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

"$root/scripts/install-deps.sh" --with-etcd
"$root/scripts/start-docker.sh"
cd "$root"
exec mvn -B verify "$@"
