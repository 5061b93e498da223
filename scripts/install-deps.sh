#!/usr/bin/env bash
# Installs what Snakepit needs beyond Java, Maven and gcc: Debian's gRPC, protobuf and pytest for
# /usr/bin/python3, the interpreter workers run on (Debian's packages, because PyPI may be out of
# reach and the python3 first on PATH may be another one), and Debian's libfaketime, which the
# chaos suite preloads into nodes for its clock fault. With --with-etcd, also Debian's
# etcd-server (etcd 3.4), which the store benchmark runs beside Snakepit: the test suite's smoke run
# of that benchmark and bench/run-store.sh ask for it, a node does not. Silent when there is
# nothing to do.
set -euo pipefail

readonly python=/usr/bin/python3
readonly python_packages=(python3-grpcio python3-protobuf python3-pytest)
readonly etcd_package=etcd-server
readonly faketime_package=libfaketime
readonly libfaketime=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1

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

faketime_ready() {
  [[ -r $libfaketime ]]
}

etcd_ready() {
  command -v etcd >/dev/null 2>&1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    fail "installing packages needs root or sudo: $*"
  fi
}

# Where systemd runs, the package starts a system etcd. The benchmark runs members of its own on
# ports of their own, so a service installed just for it would only take CPU from the measurement.
stop_system_etcd() {
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet etcd 2>/dev/null; then
    as_root systemctl disable --now etcd >/dev/null 2>&1 || true
  fi
}

with_etcd=false
for argument in "$@"; do
  case $argument in
    --with-etcd) with_etcd=true ;;
    *) fail "unknown argument: $argument (the only one is --with-etcd)" ;;
  esac
done

require_command java "install a Java 17 JDK, e.g. apt-get install openjdk-17-jdk-headless"
require_command mvn "install Maven 3.8 or later, e.g. apt-get install maven"
require_command gcc "install gcc, e.g. apt-get install gcc: the chaos module compiles its slow-disk library"

missing=()
python_ready || missing+=("${python_packages[@]}")
faketime_ready || missing+=("$faketime_package")
installs_etcd=false
if $with_etcd && ! etcd_ready; then
  missing+=("$etcd_package")
  installs_etcd=true
fi

if ((${#missing[@]} > 0)); then
  echo "snakepit: installing ${missing[*]}" >&2
  # A fresh machine's package lists may be empty or stale: update before installing.
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  python_ready || fail "$python still cannot import grpc, google.protobuf and pytest"
  faketime_ready || fail "$libfaketime is still missing after installing $faketime_package"
  if $installs_etcd; then
    etcd_ready || fail "etcd is still not on PATH after installing $etcd_package"
    stop_system_etcd
  fi
fi
