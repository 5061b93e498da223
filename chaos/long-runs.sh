#!/usr/bin/env bash
# The long chaos runs behind chaos/RESULTS.md: every workload under every fault, once per seed, on
# 5 nodes for 60 s each (or the SECONDS given), one run after another: 80 runs, about two hours.
# Each run's history, report, plot and node logs go to
# chaos/target/long-runs/<workload>-<fault>-<seed>/, and one line per run to
# chaos/target/long-runs/summary.txt: the commit, the seed, the load average before and after,
# the operations, the availability medians and the verdict; then the availability over all runs
# (chaos/long-runs-summary.py) to availability.txt. Exits 1 if any run did not check out.
#   chaos/long-runs.sh [SECONDS]      SEEDS="7 8" (default), WORKLOADS, FAULTS to narrow it
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
seconds="${1:-60}"
read -r -a seeds <<<"${SEEDS:-7 8}"
read -r -a workloads <<<"${WORKLOADS:-register set sessions execute}"
read -r -a faults <<<"${FAULTS:-kill pause partition-leader partition-halves partition-ring membership clock loss slow-disk all}"
out="$root/chaos/target/long-runs"

load() {
  cut -d' ' -f1-3 /proc/loadavg
}

mvn -q -o -f "$root/pom.xml" -pl chaos -am package -DskipTests -Dspotless.check.skip=true || exit 2
commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD || echo '+changes')"
rm -rf "$out" # the summary reads every run directory there
mkdir -p "$out"
: >"$out/summary.txt"
status=0
for seed in "${seeds[@]}"; do
  for workload in "${workloads[@]}"; do
    for fault in "${faults[@]}"; do
      dir="$out/$workload-$fault-$seed"
      before="$(load)"
      SNAKEPIT_CHAOS_SKIP_BUILD=1 "$root/chaos/run.sh" --workload "$workload" --fault "$fault" \
        --nodes 5 --time "$seconds" --seed "$seed" --out "$dir"
      code=$?
      [[ $code -eq 0 ]] || status=1
      report="$dir/report.txt"
      echo "$commit | $workload | $fault | seed $seed | load $before -> $(load) | exit $code" \
        "| $(sed -n 2p "$report" 2>/dev/null) | $(sed -n 3p "$report" 2>/dev/null)" \
        "| $(grep '^availability, all' "$report" 2>/dev/null)" \
        "| $(grep '^availability, on the leader' "$report" 2>/dev/null)" \
        "| $(grep '^verdict' "$report" 2>/dev/null)" >>"$out/summary.txt"
    done
  done
done
cat "$out/summary.txt"
echo
/usr/bin/python3 "$root/chaos/long-runs-summary.py" "$out" | tee "$out/availability.txt"
exit $status
