#!/usr/bin/env bash
# The store benchmark (issue 3): the Raft session store on 3 Snakepit nodes against etcd 3.4 on 3
# members, on this machine, in one run. Installs what is missing (Debian's Python gRPC for the
# nodes' workers, Debian's etcd-server), builds the node and the benchmarks with `mvn package`
# (never install: nothing is written to ~/.m2), then runs them: the report, in Markdown, on stdout;
# progress on stderr. About 10 minutes with the defaults: run it on an otherwise quiet machine.
#
# Arguments go to the benchmark: --out FILE, --dir DIR (where the data goes: the disk to measure),
# --clients, --warmup, --measure, --initial-warmup, --quick (a smoke run), --help.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

"$root/scripts/install-deps.sh" --with-etcd
cd "$root"
echo "building the node and the benchmarks…" >&2
mvn -B -q -DskipTests package -pl bench -am >&2
exec java -jar bench/target/benchmarks.jar store --node-jar node/target/snakepit-node.jar "$@"
