#!/usr/bin/env bash
# Installs every dependency iotconform needs on Debian 12 (as root, or with sudo) and
# builds it into build/. Safe to run again: installed packages are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make                       # build
  libyaml-cpp-dev nlohmann-json3-dev   # product files, JSON reports
  libcli11-dev libfmt-dev              # command line, formatting
  zlib1g-dev                           # gzip configurations and IKCONFIG blobs
  libgtest-dev libgmock-dev            # unit tests
  libbenchmark-dev                     # benchmarks
  clang-format                         # the format check in the test suite
  chromium                             # the HTML report test renders the page headless
  python3 python3-jsonschema python3-yaml  # the JSON Schema test validates the examples
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
  fi
  echo "setup: installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
