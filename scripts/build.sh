#!/usr/bin/env bash
# Configures and builds ownlint into build/ (or $OWNLINT_BUILD_DIR).
# Extra arguments go to CMake, e.g. -DOWNLINT_SANITIZE=address,undefined.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${OWNLINT_BUILD_DIR:-$root/build}"

"$root/scripts/setup-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
