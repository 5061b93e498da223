#!/usr/bin/env bash
# The forwarding benchmark (issue 4): a session's execute entering through the node that owns it
# against the same execute entering through another node, which forwards it once to the owner; 3
# Snakepit nodes on this machine, both routes in one run. Installs what is missing (Debian's Python
# gRPC for the nodes' workers), builds the node and the benchmarks with `mvn package` (never
# install: nothing is written to ~/.m2), then runs them: the report, in Markdown, on stdout;
# progress on stderr. About 5 minutes with the defaults: run it on an otherwise quiet machine.
#
# Arguments go to the benchmark: --out FILE, --pool-size N (default: the machine's cores), --dir
# DIR, --clients, --warmup, --measure, --initial-warmup, --quick (a smoke run), --help.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

"$root/scripts/install-deps.sh"
cd "$root"
echo "building the node and the benchmarks…" >&2
mvn -B -q -DskipTests package -pl bench -am >&2
exec java -jar bench/target/benchmarks.jar forward --node-jar node/target/snakepit-node.jar "$@"
