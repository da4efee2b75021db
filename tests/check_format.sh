#!/usr/bin/env bash
# Fails when a C++ file differs from what the committed .clang-format produces.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v clang-format >/dev/null; then
  echo "clang-format is not installed: run scripts/setup.sh" >&2
  exit 1
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src tests fuzz -name '*.[ch]pp')
if ((${#files[@]} == 0)); then
  mapfile -t files < <(find src tests fuzz -name '*.[ch]pp')
fi
status=0
for file in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$file" 2>/dev/null; then
    echo "not formatted: $file (run: clang-format -i $file)"
    status=1
  fi
done
exit $status
