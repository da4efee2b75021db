#!/usr/bin/env bash
# Installs every dependency iotconform needs on Debian 12 (as root, or with sudo) and
# builds it into build/. Safe to run again: installed packages are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make                       # build
  libyaml-cpp-dev nlohmann-json3-dev   # product files, JSON reports
  libcli11-dev libfmt-dev              # command line, formatting
  libssl-dev                           # update images: hashes, signatures, encryption
  zlib1g-dev                           # gzip configurations and IKCONFIG blobs
  libcrypt-dev                         # firmware: checking password hashes (libxcrypt)
  libhyperscan-dev                     # firmware: matching secret patterns in one pass
  pkg-config libarchive-dev libsquashfs-dev  # firmware images: archives, SquashFS
  squashfs-tools cpio                  # firmware tests build SquashFS images and cpio archives
  debootstrap openssh-client openssl   # the Debian root file system of the firmware tests
  libgtest-dev libgmock-dev            # unit tests
  libbenchmark-dev                     # benchmarks
  clang-format                         # the format check in the test suite
  chromium                             # the HTML report test renders the page headless
  python3 python3-jsonschema python3-yaml  # the JSON Schema test validates the examples
  checksec                             # the ELF hardening results are compared with it
  yara                                 # the secret-matching benchmark runs it beside ours
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

# Real kernels for the kconfig tests (tests/kconfig/check_real_input.sh), from Debian's
# registry: the Debian 12 amd64 kernel's /boot/config, and user-mode-linux, whose
# kernel/configs.ko carries an IKCONFIG blob and whose package also ships the same
# configuration as config.gz to compare against. Cached, so a re-run fetches nothing.
kernel_cache=${IOTCONFORM_KERNEL_CACHE:-/var/cache/iotconform/kernels}
fetch_kernel_files() {
  local package=$1
  shift
  local target="$kernel_cache/$package"
  if [[ -f "$target/.complete" ]]; then
    return
  fi
  local staging
  staging=$(mktemp -d)
  (cd "$staging" && apt-get download -q "$package" >/dev/null 2>&1) || {
    echo "setup: could not download $package; the real-kernel test will be skipped" >&2
    rm -rf "$staging"
    return
  }
  mkdir -p "$target"
  dpkg-deb --fsys-tarfile "$staging"/*.deb | tar -x -C "$target" --wildcards "$@"
  rm -rf "$staging"
  touch "$target/.complete"
}
kernel_image=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
if [[ -n "$kernel_image" ]] && { [[ -w "$(dirname "$kernel_cache")" ]] || mkdir -p "$kernel_cache" 2>/dev/null; }; then
  fetch_kernel_files "$kernel_image" './boot/config-*'
  fetch_kernel_files user-mode-linux '*/kernel/kernel/configs.ko' './usr/share/doc/user-mode-linux/config.gz'
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

# A real Debian 12 root file system for the firmware tests and benchmark, packed as tar.gz
# and SquashFS, with a planted copy; cached, so a re-run does nothing. Without network or
# root this cannot be built: the tool is still set up, and the tests that need the tree say
# they are skipped.
./scripts/build-rootfs.sh ||
  echo "setup: the Debian root file system could not be built; the firmware tests that need it will be skipped" >&2
