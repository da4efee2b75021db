#!/usr/bin/env bash
# The real Debian 12 root file system built by scripts/build-rootfs.sh, read in its three
# forms (the directory, the tar.gz and the xz SquashFS): all must list the same regular
# files with the same sizes, the directory being the ground truth, and dev/fd must be a
# symlink entry to /proc/self/fd, never followed. Skips (77) when the cache is missing.
set -uo pipefail
lister=$1
cache=${IOTCONFORM_ROOTFS_CACHE:-/var/cache/iotconform/rootfs}
base=$cache/debian12-minbase
if [[ ! -d $base || ! -f $base.tar.gz || ! -f $base.squashfs ]]; then
  echo "SKIP: no Debian root file system in $cache; run scripts/setup.sh (or scripts/build-rootfs.sh as root)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# Columns of the lister: type, size, mode, uid, gid, path, link target, content bytes.
# A tar stores a second name of a file as a hard link without data: it counts as a
# regular file with its target's size.
regular_files() {
  awk -F'\t' '
    $1 == "file" { size[$6] = $2; print $6 "\t" $2 }
    $1 == "hardlink" { link[$6] = $7 }
    END { for (name in link) { target = link[name]; sub(/^\.\//, "", target); print name "\t" size[target] } }
  ' "$1" | sort
}

for form in "$base" "$base.tar.gz" "$base.squashfs"; do
  name=$(basename "$form")
  if ! "$lister" "$form" >"$work/$name.list" 2>"$work/$name.err"; then
    fail "$name: the read reported errors: $(head -3 "$work/$name.err")"
  fi
  if grep -q -E "(warning|error)\[FW" "$work/$name.err"; then
    fail "$name: the read was incomplete: $(grep -E "(warning|error)\[FW" "$work/$name.err" | head -3)"
  fi
  regular_files "$work/$name.list" >"$work/$name.files"
  grep -q -P "^symlink\t0\t0777\t0\t0\tdev/fd\t/proc/self/fd\t0$" "$work/$name.list" ||
    fail "$name: dev/fd is not listed as a symlink to /proc/self/fd"
  if grep -q -P "\tdev/fd/" "$work/$name.list"; then
    fail "$name: entries under dev/fd: the link was followed"
  fi
done

truth=$work/$(basename "$base").files
count=$(wc -l <"$truth")
[[ $count -gt 4000 ]] || fail "the directory form lists only $count regular files"
for form in "$base.tar.gz" "$base.squashfs"; do
  name=$(basename "$form")
  if ! diff -q "$truth" "$work/$name.files" >/dev/null; then
    fail "$name lists other regular files or sizes than the directory:"
    diff "$truth" "$work/$name.files" | head -10
  fi
done
echo "compared $count regular files in three forms"
exit $((failures > 0))
