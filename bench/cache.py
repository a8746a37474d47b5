#!/usr/bin/env python3
"""Measures the result cache (docs/cache.md) on a corpus: cold, warm, one
source changed, one widely included header changed.

  bench/cache.py --corpus DIR [--ownlint build/bin/ownlint] [-j 2] [--repeat 3]
                 [--source db/version_set.cc] [--header db/dbformat.h]

DIR holds compile_commands.json and files.txt (the sources, one a line), as
bench/corpus/fetch.py leaves them. The corpus is copied to a temporary
directory first (its paths rewritten), so the original is only read. Each
scenario runs --repeat times and the median wall time is kept, with the CPU
time (user + system) of the same run and ownlint's own count of the files
that came from the cache (OWNLINT_STATS=1). Prints a markdown table.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd, env):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit("ownlint failed (%d):\n%s" % (proc.returncode, proc.stderr))
    m = re.search(r"cache: (\d+) of (\d+) file\(s\) from cache.*", proc.stderr)
    return wall, cpu, m.group(0) if m else "no cache"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--ownlint", default=os.path.join(ROOT, "build", "bin", "ownlint"))
    ap.add_argument("-j", default="2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--source", default="db/version_set.cc")
    ap.add_argument("--header", default="db/dbformat.h")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="ownlint-cache-bench-")
    corpus = os.path.join(work, "corpus")
    shutil.copytree(args.corpus, corpus)
    original = os.path.abspath(args.corpus)
    for name in ("compile_commands.json", "files.txt"):
        path = os.path.join(corpus, name)
        text = open(path).read().replace(original, corpus)
        open(path, "w").write(text)
    files = open(os.path.join(corpus, "files.txt")).read().split()
    cache = os.path.join(work, "cache")
    env = dict(os.environ, OWNLINT_STATS="1")
    base = [args.ownlint, "-p", corpus, "-j" + args.j, "--quiet"]

    def median(cmd, prepare):
        samples = []
        for _ in range(args.repeat):
            prepare()
            samples.append(run(cmd, env))
        samples.sort(key=lambda s: s[0])
        return samples[len(samples) // 2]

    def edit(path):
        # A comment at the end: new content, same code.
        def go():
            with open(os.path.join(corpus, path), "a") as f:
                f.write("// edited %f\n" % time.time())
        return go

    def fill():
        shutil.rmtree(cache, ignore_errors=True)
        run(base + ["--cache-dir", cache] + files, env)

    rows = [
        ("no cache (--no-cache)", median(base + ["--no-cache"] + files, lambda: None)),
        ("cold (empty cache)", median(base + ["--cache-dir", cache] + files,
                                      lambda: shutil.rmtree(cache, ignore_errors=True))),
    ]
    fill()
    rows.append(("warm (nothing changed)", median(base + ["--cache-dir", cache] + files, lambda: None)))
    rows.append(("one source changed (%s)" % args.source,
                 median(base + ["--cache-dir", cache] + files, edit(args.source))))
    rows.append(("one header changed (%s)" % args.header,
                 median(base + ["--cache-dir", cache] + files, edit(args.header))))

    print("| run | wall (s) | CPU (s) | ownlint stats |")
    print("| --- | --- | --- | --- |")
    for name, (wall, cpu, stats) in rows:
        print("| %s | %.2f | %.2f | %s |" % (name, wall, cpu, stats))
    print("\n%d files, -j%s, median of %d; load average before: %s" % (
        len(files), args.j, args.repeat, open("/proc/loadavg").read().split()[:3]))
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
