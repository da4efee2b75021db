#!/usr/bin/env bash
# README.md promises exactly two set-up commands, and .ci/run must run the second one (the
# test command) verbatim, so CI checks what a new user runs.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t commands < <(awk '/^```sh$/{inside=1; next} /^```$/{inside=0} inside' README.md |
                        grep '^\./scripts/setup\.sh' || true)
if ((${#commands[@]} != 2)); then
  echo "README.md should give exactly two set-up commands, found ${#commands[@]}" >&2
  exit 1
fi
if ! grep -qxF "${commands[1]}" .ci/run; then
  echo ".ci/run does not run README's test command: ${commands[1]}" >&2
  exit 1
fi
for path in $(printf '%s\n' "${commands[0]}" | grep -o 'examples/[^ ]*'); do
  [[ -e $path ]] || { echo "README's first command names a missing file: $path" >&2; exit 1; }
done
echo "README commands: ok"
