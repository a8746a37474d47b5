#!/usr/bin/env python3
"""Benchmarks ownlint against the parse floor and its peers on real code.

  bench/run.py [--build-dir build] [--corpus leveldb,libsass] [--repeat 3]
               [--each-check] [--no-peers] [--no-scaling]

Every tool runs once per file, one process per file, as a build would run it;
each configuration is timed --repeat times and the median kept. Reported as
ratios to `clang++-19 -fsyntax-only` (the floor), with peak RSS, -j1 vs -j2
wall time and findings per tool and per check, as markdown and JSON in
<build-dir>/bench/. Targets are reported, never enforced: this is a
measurement, not a test.

Run bench/corpus/fetch.py first.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PEER_CHECKS = ("bugprone-use-after-move,cppcoreguidelines-owning-memory,"
               "performance-unnecessary-copy-initialization,performance-unnecessary-value-param,"
               "performance-for-range-copy,performance-move-const-arg")
ANALYZER_CHECKS = ("clang-analyzer-cplusplus.NewDelete,clang-analyzer-cplusplus.NewDeleteLeaks,"
                   "clang-analyzer-cplusplus.Move,clang-analyzer-unix.Malloc,"
                   "clang-analyzer-unix.MismatchedDeallocator")
CHECK_RE = re.compile(r"warning: .*\[([a-z0-9.,-]+)\]$")


def run_one(argv, cwd):
    """Runs argv under /usr/bin/time; returns (seconds, peak KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + argv, cwd=cwd,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              universal_newlines=True)
        elapsed = time.perf_counter() - start
        try:
            rss = int(open(t.name).read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            rss = 0
    return elapsed, rss, proc.stdout


def run_tool(make_argv, files, cwd, jobs):
    """All files, `jobs` at a time: (wall seconds, max peak KiB, findings per check)."""
    findings = {}
    peak = 0
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for _, rss, out in pool.map(lambda f: run_one(make_argv(f), cwd), files):
            peak = max(peak, rss)
            for line in out.splitlines():
                m = CHECK_RE.search(line)
                if m:
                    for name in m.group(1).split(","):
                        findings[name] = findings.get(name, 0) + 1
    return time.perf_counter() - start, peak, findings


def measure(name, make_argv, files, cwd, repeat, jobs=1):
    times, peaks, findings = [], [], {}
    for _ in range(repeat):
        t, p, findings = run_tool(make_argv, files, cwd, jobs)
        times.append(t)
        peaks.append(p)
    result = {"tool": name, "seconds": statistics.median(times), "runs": times,
              "peak_kib": max(peaks), "jobs": jobs, "findings": findings,
              "total_findings": sum(findings.values())}
    print("  %-38s %7.2fs  %7d KiB  %5d findings" % (name + (" -j%d" % jobs if jobs > 1 else ""),
                                                     result["seconds"], result["peak_kib"],
                                                     result["total_findings"]), flush=True)
    return result


def load_corpus(build, name):
    root = os.path.join(build, "corpus", name)
    db = json.load(open(os.path.join(root, "compile_commands.json")))
    files = [e["file"] for e in db]
    flags = [a for a in db[0]["arguments"][1:] if a not in ("-c",) and not a.endswith((".cc", ".cpp"))]
    return root, files, flags


def bench_corpus(args, name):
    root, files, flags = load_corpus(args.build_dir, name)
    ownlint = os.path.join(args.build_dir, "bin", "ownlint")
    plugin = os.path.join(args.build_dir, "lib", "libownlint-tidy.so")
    print("%s: %d files" % (name, len(files)), flush=True)
    rows = []
    floor = measure("clang++-19 -fsyntax-only", lambda f: ["clang++-19", "-fsyntax-only", "-w"] + flags + [f],
                    files, root, args.repeat)
    rows.append(floor)
    rows.append(measure("ownlint (all checks)",
                        lambda f: [ownlint, "-p", root, "--no-cache", "--quiet", "--use-color=false", f],
                        files, root, args.repeat))
    rows.append(measure("ownlint (all checks)",
                        lambda f: [ownlint, "-p", root, "--no-cache", "--quiet", "--use-color=false", f],
                        files, root, args.repeat, jobs=2))
    rows.append(measure("clang-tidy + ownlint plugin",
                        lambda f: ["clang-tidy-19", "--load=" + plugin, "-p", root, "--quiet",
                                   "--checks=-*,ownership-*", f],
                        files, root, args.repeat))
    if args.each_check:
        names = subprocess.run([ownlint, "--list-checks"], stdout=subprocess.PIPE,
                               universal_newlines=True).stdout.split()
        for check in [n for n in names if n.startswith("ownership-")]:
            rows.append(measure("ownlint " + check,
                                lambda f, c=check: [ownlint, "-p", root, "--no-cache", "--quiet",
                                                    "--checks=-*," + c, f],
                                files, root, args.repeat))
    if args.peers:
        rows.append(measure("clang-tidy peer checks",
                            lambda f: ["clang-tidy-19", "-p", root, "--quiet",
                                       "--checks=-*," + PEER_CHECKS, f],
                            files, root, args.repeat))
        rows.append(measure("Static Analyzer (memory, move)",
                            lambda f: ["clang-tidy-19", "-p", root, "--quiet",
                                       "--checks=-*," + ANALYZER_CHECKS, f],
                            files, root, args.repeat))
    for r in rows:
        r["ratio_time"] = r["seconds"] / floor["seconds"]
        r["ratio_peak"] = r["peak_kib"] / floor["peak_kib"] if floor["peak_kib"] else 0
    return {"corpus": name, "files": len(files), "rows": rows}


def bench_scaling(args):
    ownlint = os.path.join(args.build_dir, "bin", "ownlint")
    gen = os.path.join(HERE, "synthetic", "generate.py")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode, n in (("big", 1000), ("big", 10000), ("big", 100000), ("many", 10000)):
            src = os.path.join(tmp, "%s%d.cpp" % (mode, n))
            subprocess.run([sys.executable, gen, mode, str(n), src], check=True)
            f_t, f_m, _ = run_one(["clang++-19", "-fsyntax-only", src], tmp)
            o_t, o_m, _ = run_one([ownlint, "--quiet", src, "--", "-std=c++17"], tmp)
            row = {"shape": "%s %d" % (mode, n), "floor_seconds": f_t, "floor_kib": f_m,
                   "ownlint_seconds": o_t, "ownlint_kib": o_m}
            print("  %-12s floor %6.2fs %7d KiB   ownlint %6.2fs %7d KiB" %
                  (row["shape"], f_t, f_m, o_t, o_m), flush=True)
            out.append(row)
    return out


def markdown(results):
    lines = ["# ownlint benchmark", "",
             "Median of %d runs, one process per file. Ratios are to `clang++-19 -fsyntax-only`."
             % results["repeat"], ""]
    for c in results["corpora"]:
        lines += ["## %s (%d files)" % (c["corpus"], c["files"]), "",
                  "| tool | jobs | seconds | x floor | peak RSS MiB | x floor | findings |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
        for r in c["rows"]:
            lines.append("| %s | %d | %.2f | %.2f | %.0f | %.2f | %d |" %
                         (r["tool"], r["jobs"], r["seconds"], r["ratio_time"],
                          r["peak_kib"] / 1024.0, r["ratio_peak"], r["total_findings"]))
        lines.append("")
        for r in c["rows"]:
            if r["findings"]:
                lines.append("- %s: %s" % (r["tool"] + (" -j%d" % r["jobs"] if r["jobs"] > 1 else ""),
                                           ", ".join("%s %d" % kv for kv in sorted(r["findings"].items()))))
        lines.append("")
    if results.get("scaling"):
        lines += ["## Synthetic scaling", "",
                  "| shape | floor s | floor MiB | ownlint s | ownlint MiB |",
                  "| --- | --- | --- | --- | --- |"]
        for s in results["scaling"]:
            lines.append("| %s | %.2f | %.0f | %.2f | %.0f |" % (
                s["shape"], s["floor_seconds"], s["floor_kib"] / 1024.0,
                s["ownlint_seconds"], s["ownlint_kib"] / 1024.0))
        lines.append("")
    lines += ["Targets (reported, not enforced): all checks within 1.3x of the floor, faster than "
              "the clang-tidy peer set, at least 5x faster than the Static Analyzer, peak memory "
              "within 1.2x of the floor.", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default="leveldb,libsass")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--each-check", action="store_true", help="also time every check alone")
    ap.add_argument("--no-peers", dest="peers", action="store_false")
    ap.add_argument("--no-scaling", dest="scaling", action="store_false")
    args = ap.parse_args()
    args.build_dir = os.path.abspath(args.build_dir)
    results = {"repeat": args.repeat, "corpora": [], "scaling": []}
    for name in args.corpus.split(","):
        results["corpora"].append(bench_corpus(args, name))
    if args.scaling:
        print("scaling:", flush=True)
        results["scaling"] = bench_scaling(args)
    out_dir = os.path.join(args.build_dir, "bench")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown(results))
    print("wrote %s/results.md and results.json" % out_dir)


if __name__ == "__main__":
    main()
