#!/usr/bin/env python3
"""CPU time and peak memory of ownlint as ratios to the parse floor, per file.

  bench/cpu_ratio.py [--build-dir build] [--corpus leveldb,libsass,rocksdb]
                     [--sample N] [--ownlint PATH]

For every file of each corpus (or a deterministic sample of N: every k-th file
of the compile database), runs `clang++-19 -fsyntax-only` and `ownlint` (all
checks), one process per file, one at a time, and measures each process's user
+ system CPU time and peak RSS (os.wait4). CPU time, unlike wall time, barely
moves when other work shares the machine, so the ratio is meaningful on a busy
CI box. ownlint runs with OWNLINT_STATS=1: the histogram of disjuncts per
function (how many paths the analysis kept apart) is summed per corpus.

Prints a markdown table; writes <build-dir>/bench/cpu_ratio.json. Measures,
never gates.
"""

import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scale import floor_argv  # noqa: E402  (one way to spell the parse floor)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STATS = re.compile(r"ownlint stats: (\d+) function\(s\); most disjuncts at a block:((?: \d+:\d+)+); "
                   r"over budget: (\d+)")


def run(argv, cwd, env=None):
    """(cpu seconds, peak KiB, stderr) of one process."""
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, universal_newlines=True)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, err


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default="leveldb,libsass,rocksdb")
    ap.add_argument("--sample", type=int, default=0, help="files per corpus (0: all)")
    ap.add_argument("--ownlint", default=None)
    args = ap.parse_args()
    ownlint = os.path.abspath(args.ownlint or os.path.join(args.build_dir, "bin", "ownlint"))
    env = dict(os.environ, OWNLINT_STATS="1")
    rows, out = [], {}
    for name in args.corpus.split(","):
        root = os.path.join(args.build_dir, "corpus", name)
        db = json.load(open(os.path.join(root, "compile_commands.json")))
        if args.sample and args.sample < len(db):
            step = len(db) / args.sample
            db = [db[int(i * step)] for i in range(args.sample)]
        floor_cpu = own_cpu = 0.0
        floor_rss = own_rss = 0
        ratios_rss = []
        hist = {}
        functions = over = 0
        for entry in db:
            cwd = entry.get("directory", root)
            fc, fr, _ = run(floor_argv(entry, "clang++-19"), cwd)
            oc, orss, err = run([ownlint, "-p", root, "--no-cache", "--quiet", entry["file"]], cwd, env)
            floor_cpu += fc
            own_cpu += oc
            floor_rss = max(floor_rss, fr)
            own_rss = max(own_rss, orss)
            if fr:
                ratios_rss.append(orss / fr)
            for m in STATS.finditer(err):
                functions += int(m.group(1))
                over += int(m.group(3))
                for pair in m.group(2).split():
                    k, v = pair.split(":")
                    hist[k] = hist.get(k, 0) + int(v)
        row = {"corpus": name, "files": len(db), "floor_cpu": floor_cpu, "ownlint_cpu": own_cpu,
               "cpu_ratio": own_cpu / floor_cpu if floor_cpu else 0,
               "floor_peak_kib": floor_rss, "ownlint_peak_kib": own_rss,
               "max_rss_ratio": max(ratios_rss) if ratios_rss else 0,
               "mean_rss_ratio": sum(ratios_rss) / len(ratios_rss) if ratios_rss else 0,
               "functions": functions, "over_budget": over, "disjuncts": hist}
        rows.append(row)
        print("%s: %d files, CPU %.1fs vs %.1fs (%.2fx), peak RSS ratio mean %.2fx max %.2fx" %
              (name, len(db), own_cpu, floor_cpu, row["cpu_ratio"], row["mean_rss_ratio"],
               row["max_rss_ratio"]), flush=True)
    print()
    print("| corpus | files | floor CPU s | ownlint CPU s | CPU x floor | RSS x floor (mean / max) |"
          " functions | disjuncts 1 / 2 / 3-4 / 5-8 | over budget |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
    for r in rows:
        h = r["disjuncts"]
        g = lambda *ks: sum(h.get(str(k), 0) for k in ks)
        print("| %s | %d | %.1f | %.1f | %.2f | %.2f / %.2f | %d | %d / %d / %d / %d | %d |" % (
            r["corpus"], r["files"], r["floor_cpu"], r["ownlint_cpu"], r["cpu_ratio"],
            r["mean_rss_ratio"], r["max_rss_ratio"], r["functions"], g(1), g(2), g(3, 4),
            g(5, 6, 7, 8), r["over_budget"]))
    os.makedirs(os.path.join(args.build_dir, "bench"), exist_ok=True)
    with open(os.path.join(args.build_dir, "bench", "cpu_ratio.json"), "w") as f:
        json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
