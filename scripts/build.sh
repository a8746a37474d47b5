#!/usr/bin/env bash
# Configures and builds ownlint into build/ (or $OWNLINT_BUILD_DIR).
# Extra arguments go to CMake, e.g. -DOWNLINT_SANITIZE=address,undefined.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${OWNLINT_BUILD_DIR:-$root/build}"

# OWNLINT_LLVM_MAJOR=22 builds against LLVM 22 instead of 19.
llvm_major="${OWNLINT_LLVM_MAJOR:-19}"

"$root/scripts/setup-deps.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DOWNLINT_LLVM_VERSION="$llvm_major.1" "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
