#!/usr/bin/env python3
"""Breaks C++ inputs in many deterministic ways and runs ownlint on each
variant: it must never die of a signal, must exit 0, 1, 2 or 3, and must say
why on stderr when it exits 2 or 3.

  robustness.py <ownlint> <include-dir> <workdir> <seed-file>... [--variants N]
"""
import random
import subprocess
import sys
import os


def variants(text, rng, count):
    lines = text.split("\n")
    yield "empty", ""
    yield "invalid-utf8", text[: len(text) // 2] + "\xff\xfe\x80 garbage \xc3\x28" + text[len(text) // 2:]
    yield "huge-string", 'const char *s = "' + "x" * (1 << 20) + '";\n' + text
    yield "deep-nesting", "int deep() { return " + "(" * 2000 + "1" + ")" * 2000 + "; }\n" + text
    yield "unterminated-comment", text + "\n/* never closed"
    for i in range(count):
        kind = i % 4
        if kind == 0:
            cut = rng.randrange(len(text) + 1)
            yield "truncate-%d" % cut, text[:cut]
        elif kind == 1:
            keep = [l for l in lines if rng.random() > 0.15]
            yield "delete-lines-%d" % i, "\n".join(keep)
        elif kind == 2:
            junk = rng.choice(["{", "}", "(", ")", ";", "template <", "#if 1", "delete", "new",
                               "std::move(", "::", "operator", "\"", "'", "#include <missing.h>"])
            at = rng.randrange(len(lines) + 1)
            yield "junk-%d" % i, "\n".join(lines[:at] + [junk] + lines[at:])
        else:
            a, b = sorted(rng.randrange(len(lines) + 1) for _ in range(2))
            yield "swap-%d" % i, "\n".join(lines[b:] + lines[a:b] + lines[:a])


def main():
    args = sys.argv[1:]
    count = 24
    if "--variants" in args:
        i = args.index("--variants")
        count = int(args[i + 1])
        del args[i:i + 2]
    ownlint, include, work = args[:3]
    seeds = args[3:]
    os.makedirs(work, exist_ok=True)
    rng = random.Random(20261125)
    failures, runs = [], 0
    for seed in seeds:
        text = open(seed, encoding="utf-8", errors="replace").read()
        for name, body in variants(text, rng, count):
            path = os.path.join(work, "%s.%s.cpp" % (os.path.basename(seed), name))
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(body)
            proc = subprocess.run([ownlint, "--quiet", path, "--", "-std=c++17", "-isystem", include],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120,
                                  universal_newlines=True, errors="replace")
            runs += 1
            if proc.returncode < 0:
                failures.append("%s: killed by signal %d" % (path, -proc.returncode))
            elif proc.returncode not in (0, 1, 2, 3):
                failures.append("%s: exit status %d" % (path, proc.returncode))
            elif proc.returncode in (2, 3) and "ownlint: error:" not in proc.stderr:
                failures.append("%s: exit %d without an error message" % (path, proc.returncode))
    # Inputs that are not files at all.
    for path, want in ((work, 2), (os.path.join(work, "missing.cpp"), 2)):
        proc = subprocess.run([ownlint, path, "--"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, universal_newlines=True)
        runs += 1
        if proc.returncode != want or "ownlint: error:" not in proc.stderr:
            failures.append("%s: exit %d, expected %d with a message" % (path, proc.returncode, want))
    for f in failures:
        print("FAIL " + f)
    print("%d runs, %d failures" % (runs, len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
