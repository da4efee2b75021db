#!/usr/bin/env bash
# Builds the real Debian 12 root file system the firmware tests and the benchmark read:
# a debootstrap minbase of bookworm from Debian's registry, packed as tar.gz and as an xz
# SquashFS, and a copy with the faults listed in tests/firmware/planted-faults.md, packed
# the same way. Everything lands in the cache (IOTCONFORM_ROOTFS_CACHE, default
# /var/cache/iotconform/rootfs); a re-run whose outputs exist does nothing.
#
# Needs root (debootstrap creates device nodes and runs chroot), debootstrap, mksquashfs
# (squashfs-tools), openssl and ssh-keygen. When it cannot run, it says why and exits 0,
# so setup.sh goes on and the tests that need the file system skip.
set -euo pipefail

cache=${IOTCONFORM_ROOTFS_CACHE:-/var/cache/iotconform/rootfs}
mirror=http://deb.debian.org/debian
suite=bookworm
clean=$cache/debian12-minbase
planted=$cache/debian12-planted
# Fixed times for the planted files and the archives' members, so two builds of the
# planted copy differ only in the freshly generated keys.
planted_epoch=1700000000

say() { echo "build-rootfs: $*" >&2; }

outputs_exist() {
  local name
  for name in "$clean" "$planted"; do
    [[ -f "$name.complete" && -f "$name.tar.gz" && -f "$name.squashfs" ]] || return 1
  done
}

can_build() {
  if [[ $(id -u) -ne 0 ]]; then
    say "not root: debootstrap needs root; the real-rootfs tests will be skipped"
    return 1
  fi
  local tool
  for tool in debootstrap mksquashfs openssl ssh-keygen tar gzip; do
    if ! command -v "$tool" >/dev/null; then
      say "$tool is missing (run scripts/setup.sh); the real-rootfs tests will be skipped"
      return 1
    fi
  done
  mkdir -p "$cache" 2>/dev/null || {
    say "cannot create $cache; the real-rootfs tests will be skipped"
    return 1
  }
}

# debootstrap downloads a few hundred packages; a dropped connection is retried from
# scratch, in a staging directory, so a half-built tree never looks complete.
bootstrap_clean() {
  [[ -f "$clean.complete" ]] && return 0
  local staging=$cache/.debian12-minbase.partial attempt
  for attempt in 1 2 3; do
    rm -rf "$staging" "$clean"
    say "debootstrap --variant=minbase $suite (attempt $attempt)"
    if debootstrap --variant=minbase "$suite" "$staging" "$mirror" >"$cache/debootstrap.log" 2>&1; then
      mv "$staging" "$clean"
      touch "$clean.complete"
      return 0
    fi
    say "debootstrap failed (last lines of $cache/debootstrap.log):"
    tail -5 "$cache/debootstrap.log" >&2 || true
    sleep $((attempt * 10))
  done
  rm -rf "$staging"
  say "debootstrap failed three times; the real-rootfs tests will be skipped"
  return 1
}

# tar.gz with sorted names and numeric owners, so the archive depends on the tree only;
# SquashFS with xz, the compression real images use most.
pack() {
  local tree=$1
  if [[ ! -f "$tree.tar.gz" ]]; then
    say "packing $tree.tar.gz"
    tar --sort=name --numeric-owner --xattrs -C "$tree" -cf - . | gzip -n -6 >"$tree.tar.gz.partial"
    mv "$tree.tar.gz.partial" "$tree.tar.gz"
  fi
  if [[ ! -f "$tree.squashfs" ]]; then
    say "packing $tree.squashfs"
    rm -f "$tree.squashfs.partial"
    mksquashfs "$tree" "$tree.squashfs.partial" -comp xz -noappend -no-progress -quiet
    mv "$tree.squashfs.partial" "$tree.squashfs"
  fi
}

set_password_field() {
  local shadow=$1 account=$2 hash=$3
  awk -F: -v OFS=: -v account="$account" -v hash="$hash" \
    '$1 == account { $2 = hash } { print }' "$shadow" >"$shadow.new"
  cat "$shadow.new" >"$shadow"
  rm "$shadow.new"
}

# (a) default and missing passwords, a second UID 0 account, a weak hash scheme.
plant_accounts() {
  local root=$1
  set_password_field "$root/etc/shadow" root "$(openssl passwd -6 -salt plantedsalt admin)"
  echo "support:x:0:0:support:/root:/bin/sh" >>"$root/etc/passwd"
  echo "support:$(openssl passwd -1 -salt xy support):19675:0:99999:7:::" >>"$root/etc/shadow"
  echo "guest:x:1001:1001:guest:/home/guest:/bin/sh" >>"$root/etc/passwd"
  echo "guest::19675:0:99999:7:::" >>"$root/etc/shadow"
  echo "guest:x:1001:" >>"$root/etc/group"
  echo "guest:!::" >>"$root/etc/gshadow"
}

# (b) private keys every unit of the product would share.
plant_keys() {
  local root=$1
  mkdir -p "$root/etc/ssl/private" "$root/etc/ssh"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$root/etc/ssl/private/device.key" 2>/dev/null
  chmod 600 "$root/etc/ssl/private/device.key"
  ssh-keygen -q -t ed25519 -N '' -C root@planted -f "$root/etc/ssh/ssh_host_ed25519_key"
}

# (c) a telnet daemon started at boot and a root autologin on the serial console.
plant_inittab() {
  local root=$1
  cat >"$root/etc/inittab" <<'EOF'
# /etc/inittab (busybox init)
::sysinit:/etc/init.d/rcS
::respawn:/usr/sbin/telnetd -F -l /bin/sh
T0:23:respawn:/sbin/getty -a root -L ttyS0 115200 vt100
EOF
}

# OpenSSL's system-wide minimum protocol: replaced where Debian's file sets one, else a
# complete system_default section is appended and activated.
plant_openssl_cnf() {
  local cnf=$1/etc/ssl/openssl.cnf
  if [[ -f "$cnf" ]] && grep -q '^[[:space:]]*MinProtocol' "$cnf"; then
    sed -i 's/^\([[:space:]]*\)MinProtocol.*/\1MinProtocol = TLSv1.0/' "$cnf"
    return
  fi
  if [[ -f "$cnf" ]] && grep -q '^openssl_conf' "$cnf"; then
    say "$cnf has an openssl_conf section but no MinProtocol: cannot plant the weak setting"
    return 1
  fi
  mkdir -p "$(dirname "$cnf")"
  local original=""
  [[ -f "$cnf" ]] && original=$(cat "$cnf")
  {
    echo "openssl_conf = planted_conf"
    echo "$original"
    echo
    echo "[planted_conf]"
    echo "ssl_conf = planted_ssl"
    echo "[planted_ssl]"
    echo "system_default = planted_system_default"
    echo "[planted_system_default]"
    echo "MinProtocol = TLSv1.0"
  } >"$cnf"
}

# (d) TLS 1.0 allowed by a web server, by OpenSSL's defaults and by an MQTT broker.
plant_tls() {
  local root=$1
  mkdir -p "$root/etc/lighttpd/conf.d" "$root/etc/mosquitto"
  cat >"$root/etc/lighttpd/conf.d/ssl.conf" <<'EOF'
ssl.engine = "enable"
ssl.pemfile = "/etc/ssl/private/device.pem"
ssl.openssl.ssl-conf-cmd = ("MinProtocol" => "TLSv1")
EOF
  plant_openssl_cnf "$root"
  cat >"$root/etc/mosquitto/mosquitto.conf" <<'EOF'
listener 8883
certfile /etc/ssl/certs/device.crt
keyfile /etc/ssl/private/device.key
tls_version tlsv1
EOF
}

# (e) passwords in configuration files: a Wi-Fi pre-shared key, broker credentials.
plant_config_secrets() {
  local root=$1
  mkdir -p "$root/etc/wpa_supplicant"
  cat >"$root/etc/wpa_supplicant/wpa_supplicant.conf" <<'EOF'
ctrl_interface=/run/wpa_supplicant
update_config=1
network={
    ssid="HomeNetwork"
    psk="sunshine123"
}
EOF
  cat >"$root/etc/mosquitto/bridge.conf" <<'EOF'
connection cloud
address broker.example.com:8883
topic telemetry/# out 1
remote_username device
remote_password Passw0rd!
EOF
}

build_planted() {
  [[ -f "$planted.complete" ]] && return 0
  local staging=$cache/.debian12-planted.partial
  rm -rf "$staging" "$planted" "$planted.tar.gz" "$planted.squashfs"
  say "planting faults into a copy"
  cp -a "$clean" "$staging"
  plant_accounts "$staging"
  plant_keys "$staging"
  plant_inittab "$staging"
  plant_tls "$staging"
  plant_config_secrets "$staging"
  find "$staging/etc" -newer "$clean.complete" -exec touch -h -d "@$planted_epoch" {} +
  mv "$staging" "$planted"
  touch "$planted.complete"
}

main() {
  if outputs_exist; then
    say "cached in $cache"
    return 0
  fi
  can_build || return 0
  bootstrap_clean || return 0
  pack "$clean"
  build_planted
  pack "$planted"
  say "done: $cache"
}

main "$@"
