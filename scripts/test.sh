#!/usr/bin/env bash
# Builds ownlint and runs every test: lit (checks, CLI, plugin) and the unit
# tests. This is what CI runs (.ci/run).
#
# Stages:
#   release  build/ (or $OWNLINT_BUILD_DIR), LLVM 19 (or $OWNLINT_LLVM_MAJOR),
#            the whole suite. Always.
#   asan     build-asan/, -DOWNLINT_SANITIZE=address,undefined, the whole suite
#            (test/cli/many-files.test is the many-files-per-process run).
#   llvm22   build-22/ against LLVM 22 (installed by setup-deps.sh), the whole
#            suite.
# asan and llvm22 run in CI (CI=true) or with OWNLINT_FULL=1; OWNLINT_FULL=0
# turns them off in CI too. A failed stage does not stop the next one, but
# makes the script exit non-zero. Each stage prints its time.
#
# When CI is set (to anything but "", 0 or false), every stage builds with
# -DOWNLINT_WERROR=ON: a compiler warning fails CI. Otherwise the stages pass
# -DOWNLINT_WERROR=OFF (a build directory keeps its options across runs);
# an explicit -DOWNLINT_WERROR=... argument wins for the release stage.
#
#   scripts/test.sh --fast   builds, then runs only the unit tests and the
#                            per-check lit tests (test/checks): the edit-test
#                            loop. Same as `ninja -C build check-fast`.
# Other arguments go to CMake for the release stage, e.g.
#   OWNLINT_BUILD_DIR=build-asan scripts/test.sh -DOWNLINT_SANITIZE=address,undefined
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${OWNLINT_BUILD_DIR:-$root/build}"

case "${CI:-}" in
  "" | 0 | false) werror=OFF ;;
  *) werror=ON ;;
esac

fast=0
cmake_args=("-DOWNLINT_WERROR=$werror")
for a in "$@"; do
  if [ "$a" = "--fast" ]; then fast=1; else cmake_args+=("$a"); fi
done

if [ "$fast" = 1 ]; then
  set -e
  "$root/scripts/build.sh" "${cmake_args[@]}"
  exec cmake --build "$build" --target check-fast
fi

full="${OWNLINT_FULL:-}"
if [ -z "$full" ]; then
  if [ "${CI:-}" = "true" ]; then full=1; else full=0; fi
fi

failed=()
summary=()
total_start=$SECONDS

# stage <name> <build dir> <LLVM major> [cmake args...]
stage() {
  local name="$1" dir="$2" major="$3"
  shift 3
  local start=$SECONDS status=0
  echo "==== ownlint: stage $name: $dir (LLVM $major) ====" >&2
  if ! OWNLINT_BUILD_DIR="$dir" OWNLINT_LLVM_MAJOR="$major" "$root/scripts/build.sh" "$@"; then
    echo "ownlint: stage $name: build failed" >&2
    status=1
  elif ! (cd "$dir" && ctest --output-on-failure -V); then
    echo "ownlint: stage $name: tests failed" >&2
    status=1
  fi
  local took=$((SECONDS - start))
  local result=passed
  if [ "$status" != 0 ]; then result=FAILED; failed+=("$name"); fi
  summary+=("$(printf '%-8s %-8s %4dm%02ds  %s' "$name" "$result" $((took / 60)) $((took % 60)) "$dir")")
  echo "==== ownlint: stage $name $result in $((took / 60))m$((took % 60))s ====" >&2
}

stage release "$build" "${OWNLINT_LLVM_MAJOR:-19}" "${cmake_args[@]}"
if [ "$full" = 1 ]; then
  stage asan "$root/build-asan" "${OWNLINT_LLVM_MAJOR:-19}" -DOWNLINT_SANITIZE=address,undefined \
    "-DOWNLINT_WERROR=$werror"
  stage llvm22 "$root/build-22" 22 "-DOWNLINT_WERROR=$werror"
fi

took=$((SECONDS - total_start))
{
  echo "==== ownlint: summary ===="
  echo "(compiler warnings are errors: $werror)"
  printf '%s\n' "${summary[@]}"
  printf 'total             %4dm%02ds\n' $((took / 60)) $((took % 60))
  if [ "$full" != 1 ]; then
    echo "(ASan+UBSan and LLVM 22 stages skipped: they run with CI=true or OWNLINT_FULL=1)"
  fi
} >&2
if [ ${#failed[@]} -ne 0 ]; then
  echo "ownlint: failed stages: ${failed[*]}" >&2
  exit 1
fi
