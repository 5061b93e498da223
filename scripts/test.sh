#!/usr/bin/env bash
# Runs the whole test suite (Java unit and integration tests, Python tests, format and module
# checks) after installing what it needs, etcd included: the store benchmark's smoke run starts
# etcd members beside Snakepit nodes. Extra arguments go to Maven, e.g. -pl router.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

"$root/scripts/install-deps.sh" --with-etcd
cd "$root"
exec mvn -B verify "$@"
