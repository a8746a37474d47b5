#!/usr/bin/env bash
# Builds ownlint and runs every test: lit (checks, CLI, plugin) and the unit
# tests. This is what CI runs (.ci/run).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${OWNLINT_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh" "$@"
cd "$build"
ctest --output-on-failure -V
