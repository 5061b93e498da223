#!/usr/bin/env bash
# Runs the whole test suite (Java unit and integration tests, Python tests, format and module
# checks, benchmark and chaos smoke runs) after installing what it needs: etcd for the store
# benchmark's smoke run, and a Docker engine for the chaos smoke's containers (without one, the tests
# that need it fail in CI, CI=true, and elsewhere run on node processes or skip, saying so). Extra
# arguments go to Maven, e.g. -pl router. Ends with how many tests ran, and which were skipped why.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

"$root/scripts/install-deps.sh" --with-etcd
"$root/scripts/start-docker.sh"
cd "$root"
started="$(date +%s)"
status=0
mvn -B verify "$@" || status=$?
/usr/bin/python3 "$root/scripts/test-summary.py" "$root" "$started" || true
exit "$status"
