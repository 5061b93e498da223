#!/usr/bin/env bash
# Installs what Snakepit needs beyond Java and Maven: Debian's gRPC, protobuf and pytest for
# /usr/bin/python3, the interpreter workers run on. Debian's packages, because PyPI may be out of
# reach and the python3 first on PATH may be another one. Silent when there is nothing to do.
set -euo pipefail

readonly python=/usr/bin/python3
readonly packages=(python3-grpcio python3-protobuf python3-pytest)

fail() {
  echo "snakepit: $*" >&2
  exit 1
}

require_command() {
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not on PATH; $2"
}

python_ready() {
  [[ -x $python ]] && "$python" -c 'import grpc, google.protobuf, pytest' >/dev/null 2>&1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "installing Python packages needs root or sudo: $*"
  fi
}

require_command java "install a Java 17 JDK, e.g. apt-get install openjdk-17-jdk-headless"
require_command mvn "install Maven 3.8 or later, e.g. apt-get install maven"

if ! python_ready; then
  echo "snakepit: installing ${packages[*]} for $python" >&2
  # A fresh machine's package lists may be empty or stale: update before installing.
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  python_ready || fail "$python still cannot import grpc, google.protobuf and pytest"
fi
