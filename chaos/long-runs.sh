#!/usr/bin/env bash
# The long chaos runs behind chaos/RESULTS.md: every fault with the register workload (the clock
# fault with the sessions workload, whose TTL it tests), and the other workloads under all faults
# mixed, on 5 nodes for 60 s each (or the SECONDS given), one run
# after another. Each run's history, report and plot go to chaos/target/long-runs/<run>/, and one
# line per run to chaos/target/long-runs/summary.txt. Exits 1 if any run did not check out.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${1:-60}"
seed="${SEED:-7}"
out="$root/chaos/target/long-runs"
runs=(
  "register kill" "register pause" "register partition-leader" "register partition-halves"
  "register partition-ring" "register membership" "sessions clock" "register loss"
  "register slow-disk" "register all" "set all" "sessions all" "execute all"
)

mvn -q -o -f "$root/pom.xml" -pl chaos -am package -DskipTests -Dspotless.check.skip=true || exit 2
mkdir -p "$out"
: >"$out/summary.txt"
status=0
for run in "${runs[@]}"; do
  read -r workload fault <<<"$run"
  dir="$out/$workload-$fault"
  SNAKEPIT_CHAOS_SKIP_BUILD=1 "$root/chaos/run.sh" --workload "$workload" --fault "$fault" \
    --nodes 5 --time "$seconds" --seed "$seed" --out "$dir"
  code=$?
  [[ $code -eq 0 ]] || status=1
  echo "$workload $fault exit=$code | $(sed -n 2p "$dir/report.txt") | $(grep '^verdict' "$dir/report.txt")" \
    >>"$out/summary.txt"
done
cat "$out/summary.txt"
exit $status
