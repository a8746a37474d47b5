#!/usr/bin/env python3
"""Checks (or, with --fix, applies) the project's .clang-format on its C++ sources.

  scripts/check_format.py [ROOT] [--fix]

The sources are analysis/, checks/, tool/ and test/unit/. The lit inputs under
test/checks and test/cli are not: their CHECK lines count lines and columns. The
formatter is clang-format-19 (formatting differs between versions).
"""
import os
import shutil
import subprocess
import sys

DIRS = ["analysis", "checks", "tool", os.path.join("test", "unit")]


def main():
    args = [a for a in sys.argv[1:] if a != "--fix"]
    fix = "--fix" in sys.argv[1:]
    root = os.path.abspath(args[0] if args else os.path.join(os.path.dirname(__file__), ".."))
    tool = shutil.which("clang-format-19")
    if not tool:
        sys.exit("check_format: clang-format-19 not found (scripts/setup-deps.sh installs it)")
    files = []
    for d in DIRS:
        for dirpath, _, names in os.walk(os.path.join(root, d)):
            files += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith((".cpp", ".h"))]
    cmd = [tool, "--style=file:" + os.path.join(root, ".clang-format")]
    cmd += ["-i"] if fix else ["--dry-run", "-Werror"]
    rc = subprocess.run(cmd + sorted(files)).returncode
    if rc and not fix:
        print("check_format: run scripts/check_format.py --fix", file=sys.stderr)
    print("check_format: %d file(s) %s" % (len(files), "formatted" if fix else "checked"))
    return rc


if __name__ == "__main__":
    sys.exit(main())
