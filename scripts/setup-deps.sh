#!/usr/bin/env bash
# Installs the Debian packages ownlint builds and tests with, when missing.
# Idempotent: with everything present it only checks.
set -euo pipefail

LLVM_MAJOR="${OWNLINT_LLVM_MAJOR:-19}"
packages=(
  "llvm-${LLVM_MAJOR}-dev" "libclang-${LLVM_MAJOR}-dev" "clang-${LLVM_MAJOR}"
  "clang-tidy-${LLVM_MAJOR}" "llvm-${LLVM_MAJOR}-tools" "clang-tools-${LLVM_MAJOR}"
  libfmt-dev googletest libgtest-dev cmake ninja-build python3 python3-jsonschema g++ git
  clang-format-19
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "ownlint: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
