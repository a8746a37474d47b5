#!/usr/bin/env bash
# Builds ownlint and runs it over the bundled sample project, the way a user
# would: configure the project to get compile_commands.json, then `ownlint -p`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${OWNLINT_BUILD_DIR:-$root/build}"

"$root/scripts/build.sh"
sample_build="$build/examples-sample"
cmake -S "$root/examples/sample" -B "$sample_build" -G Ninja \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
echo "\$ ownlint -p $sample_build examples/sample/src/*.cpp"
cd "$root"
set +e
"$build/bin/ownlint" -p "$sample_build" examples/sample/src/*.cpp
status=$?
set -e
echo "(exit status $status: 0 clean, 1 findings, 2 usage or input error, 3 a file failed to compile)"
[ "$status" -le 1 ]
