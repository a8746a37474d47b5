#!/usr/bin/env python3
"""Runs one check's lit test the way clang-tidy's check_clang_tidy.py does,
through both front-ends:

  1. the input, with its CHECK lines blanked (line numbers kept), is linted by
     the ownlint CLI with --fix and by clang-tidy with the ownlint plugin;
  2. the two must report the same diagnostics, line for line;
  3. the diagnostics are FileChecked against CHECK-MESSAGES (no unexpected
     warning allowed), the fixed file against CHECK-FIXES;
  4. the fixed file must still compile.

Usage: check_ownlint.py [tool paths] <input.cpp> <check-name> [-- <compiler args>]
"""

import argparse
import os
import re
import subprocess
import sys

DIAG = re.compile(r"^(.*?):(\d+):(\d+): (warning|error|note): (.*)$")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def diagnostics(output, path):
    """The diagnostic lines of a run, with the file name made relative."""
    lines = []
    for line in output.splitlines():
        m = DIAG.match(line)
        # clang's renderer adds macro backtraces in clang-tidy; they are not findings.
        if m and m.group(5).startswith("expanded from macro"):
            continue
        if m:
            name = os.path.basename(m.group(1))
            lines.append("%s:%s:%s: %s: %s" % (name, m.group(2), m.group(3), m.group(4), m.group(5)))
    return lines


def filecheck(prefix, check_file, input_text, extra=()):
    proc = subprocess.run(["FileCheck", "-input-file=-", check_file,
                           "-check-prefix=" + prefix] + list(extra),
                          input=input_text, universal_newlines=True)
    if proc.returncode != 0:
        sys.exit("FileCheck failed for prefix %s" % prefix)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ownlint", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--std-inputs", required=True)
    ap.add_argument("--config", default=None, help="CheckOptions YAML for both front-ends")
    ap.add_argument("--preload", default="", help="LD_PRELOAD for clang-tidy (sanitizer builds)")
    ap.add_argument("input")
    ap.add_argument("check")
    ap.add_argument("temp")
    ap.add_argument("compile_args", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    compile_args = [a for a in args.compile_args if a != "--"]
    if not any(a.startswith("-std=") for a in compile_args):
        compile_args.insert(0, "-std=c++17")
    compile_args += ["-isystem", args.std_inputs]

    with open(args.input) as f:
        original = f.read()
    # Keep line numbers: replace CHECK lines' text by an empty comment.
    blanked = re.sub(r"//\s*CHECK-[A-Z0-9-]+:[^\n]*", "//", original)
    fixed_path = args.temp + ".cpp"
    plain_path = args.temp + ".plain.cpp"
    for path in (fixed_path, plain_path):
        with open(path, "w") as f:
            f.write(blanked)

    config = ["--config=" + args.config] if args.config else []
    cli = run([args.ownlint, "--checks=-*," + args.check, "--fix", "--use-color=false"] + config
              + [fixed_path, "--"] + compile_args)
    if cli.returncode not in (0, 1):
        sys.stdout.write(cli.stdout)
        sys.stderr.write(cli.stderr)
        sys.exit("ownlint exited with %d" % cli.returncode)
    tidy_env = dict(os.environ)
    if args.preload:
        tidy_env["LD_PRELOAD"] = args.preload
        tidy_env["ASAN_OPTIONS"] = "detect_leaks=0" # clang-tidy's own, not ours
    tidy = run([args.clang_tidy, "--load=" + args.plugin, "--checks=-*," + args.check,
                "--quiet"] + config + [plain_path, "--"] + compile_args, env=tidy_env)
    if tidy.returncode != 0:
        sys.stdout.write(tidy.stdout)
        sys.stderr.write(tidy.stderr)
        sys.exit("clang-tidy with the plugin exited with %d" % tidy.returncode)

    cli_diags = diagnostics(cli.stdout, fixed_path)
    tidy_diags = [d.replace(os.path.basename(plain_path), os.path.basename(fixed_path))
                  for d in diagnostics(tidy.stdout, plain_path)]
    if cli_diags != tidy_diags:
        sys.stderr.write("CLI and plugin disagree.\n--- ownlint CLI\n%s\n--- clang-tidy plugin\n%s\n"
                         % ("\n".join(cli_diags), "\n".join(tidy_diags)))
        sys.exit(1)

    text = "\n".join(cli_diags) + "\n"
    if "CHECK-MESSAGES" in original:
        filecheck("CHECK-MESSAGES", args.input, text,
                  ["-implicit-check-not={{warning|error}}:"])
    elif cli_diags:
        sys.stderr.write("unexpected diagnostics:\n" + text)
        sys.exit(1)
    if "CHECK-NOTES" in original:
        filecheck("CHECK-NOTES", args.input, text)
    if "CHECK-FIXES" in original:
        with open(fixed_path) as f:
            filecheck("CHECK-FIXES", args.input, f.read(), ["-strict-whitespace"])
    compiled = run([args.clangxx, "-fsyntax-only", fixed_path] + compile_args)
    if compiled.returncode != 0:
        sys.stderr.write(compiled.stderr)
        sys.exit("the fixed file no longer compiles")


if __name__ == "__main__":
    main()
