#!/usr/bin/env bash
# snakepit-chaos: builds the node and the harness (never installs into ~/.m2), then runs one chaos
# run, e.g.  chaos/run.sh --workload register --fault partition --nodes 5 --time 60 --seed 7
# The cluster runs in containers when a Docker engine answers (see .ci/run for starting one), else
# as local processes, with a warning. SNAKEPIT_CHAOS_SKIP_BUILD=1 reuses the last build.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
if [[ "${SNAKEPIT_CHAOS_SKIP_BUILD:-0}" != 1 ]]; then
  mvn -q -o -pl chaos -am package -DskipTests -Dspotless.check.skip=true
fi
# No image can be pulled here: Ryuk's cannot (the harness removes its own containers and network),
# nor the ones Testcontainers uses to find the gateway and to check the engine at start.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export TESTCONTAINERS_CHECKS_DISABLE=true
exec java \
  -cp "$(ls chaos/target/snakepit-chaos-*.jar | grep -v -- -tests.jar | head -1):chaos/target/lib/*" \
  io.snakepit.chaos.ChaosCommand --node-jar node/target/snakepit-node.jar "$@"
