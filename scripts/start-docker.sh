#!/usr/bin/env bash
# Starts a Docker engine for the chaos suite's container runtime, installing Debian's docker.io
# (about 65 MB) when it is missing. Where the engine cannot start (no root, no package mirror, a
# kernel without what dockerd needs) it prints a WARNING and lets the build go on, so that the tests
# themselves say which of them needed it: in CI (CI=true) they fail; elsewhere the chaos smoke runs
# on node processes, with a WARNING of its own, and skips the partition faults.
set -uo pipefail

readonly log=/tmp/snakepit-dockerd.log

warn() {
  if [[ ${CI:-} == true ]]; then
    echo "WARNING: $*: with CI=true the tests that need a Docker engine will fail" >&2
  else
    echo "WARNING: $*: the chaos smoke runs on node processes, without partition faults" >&2
  fi
  exit 0
}

answers() {
  docker version >/dev/null 2>&1
}

answers && exit 0
[[ $(id -u) -eq 0 ]] || warn "starting a Docker engine needs root"
if ! command -v dockerd >/dev/null 2>&1; then
  echo "snakepit: installing docker.io for the chaos suite" >&2
  apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io \
      >/dev/null ||
    warn "docker.io could not be installed"
fi
nohup dockerd >"$log" 2>&1 &
for _ in $(seq 150); do
  if answers; then
    echo "snakepit: Docker engine up ($(docker version --format '{{.Server.Version}}'))" >&2
    exit 0
  fi
  sleep 0.2
done
warn "dockerd did not answer within 30 s (its log: $log)"
