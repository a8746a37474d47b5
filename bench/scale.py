#!/usr/bin/env python3
"""Runs ownlint over every file of the real-world corpus, to prove it at scale.

  bench/scale.py [--build-dir build] [--corpus leveldb,libsass,rocksdb]
                 [--jobs 2] [--chunk 40] [--timeout 300] [--chunk-timeout 1200]
                 [--modes floor,perfile,chunked]

Three passes per corpus, each `--jobs` processes at a time under `nice -n 10`:

  floor    clang++-19 -fsyntax-only, one process per file (the parse floor);
  perfile  ownlint with all checks, one process per file (`timeout 300` each);
  chunked  ownlint -p <root> with --chunk files per process, as a user runs it
           on a project (`timeout --chunk-timeout` each).

ownlint runs from a copy, <build-dir>/scale/ownlint, taken at the start: the
build directory's binary may be relinked during a long run. Each pass is saved
as pass-<mode>.json; --reuse floor takes the floor from the last run.

ownlint writes JSON, whose "files" list gives each file's status: a file not
"analysed" in a run is lost, an "internal-error" status is a crash (ownlint
recovered and went on), exit status 124 a timeout, a signal a hard crash.
Raw outputs (JSON and stderr per process) go to <build-dir>/scale/<corpus>/,
the summary to <build-dir>/scale/summary.md and summary.json, and the table
is printed. Run bench/corpus/fetch.py first.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = ["leveldb", "libsass", "rocksdb"]


def run(argv, cwd, out_path, err_path, timeout):
    """Runs argv (niced, under timeout); stdout and stderr go to files."""
    cmd = ["nice", "-n", "10", "timeout", "-k", "10", str(timeout)] + argv
    start = time.perf_counter()
    with open(out_path, "w") as out, open(err_path, "w") as err:
        rc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=err).returncode
    return rc, time.perf_counter() - start


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def corpus_commands(root):
    with open(os.path.join(root, "compile_commands.json")) as f:
        db = json.load(f)
    return {os.path.normpath(os.path.join(e["directory"], e["file"])): e for e in db}


def floor_argv(entry, clangxx):
    args = entry["arguments"][1:]
    out = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a in ("-c",):
            continue
        if a == "-o":
            skip = True
            continue
        out.append(a)
    return [clangxx, "-fsyntax-only", "-w"] + out


def classify(rc):
    if rc == 124 or rc == 137:
        return "timeout"
    if rc < 0 or rc > 128:
        return "signal"
    return None


def pass_floor(files, cmds, root, outdir, args):
    os.makedirs(outdir, exist_ok=True)

    def one(i_f):
        i, f = i_f
        e = cmds[f]
        return run(floor_argv(e, args.clangxx), e["directory"],
                   os.path.join(outdir, "%04d.out" % i), os.path.join(outdir, "%04d.err" % i),
                   args.timeout)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        res = list(pool.map(one, enumerate(files)))
    wall = time.perf_counter() - start
    failed = [files[i] for i, (rc, _) in enumerate(res) if rc != 0]
    return {"wall": wall, "processes": len(files), "failed": failed}


def pass_ownlint(chunks, root, outdir, args, timeout, env):
    """Runs ownlint once per chunk; returns per-file status and findings."""
    os.makedirs(outdir, exist_ok=True)

    def one(i_chunk):
        i, chunk = i_chunk
        out = os.path.join(outdir, "%04d.json" % i)
        err = os.path.join(outdir, "%04d.err" % i)
        with open(os.path.join(outdir, "%04d.files" % i), "w") as f:
            f.write("\n".join(chunk) + "\n")
        argv = [args.ownlint, "-p", root, "--no-cache", "--format=json", "--quiet"] + chunk
        rc, secs = run(argv, ROOT, out, err, timeout)
        return i, chunk, rc, secs, load_json(out)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        res = list(pool.map(one, enumerate(chunks)))
    wall = time.perf_counter() - start

    status, findings, errors, procs = {}, {}, {}, []
    for i, chunk, rc, secs, doc in res:
        procs.append({"index": i, "rc": rc, "seconds": round(secs, 2), "files": len(chunk)})
        kind = classify(rc)
        seen = {}
        if doc:
            for entry in doc.get("files", []):
                seen[os.path.normpath(os.path.join(ROOT, entry["file"]))] = entry
        for f in chunk:
            findings.setdefault(f, {})
            e = seen.get(f)
            if e is None:
                status[f] = kind or ("no-output" if doc is None else "missing")
                errors[f] = "process %d exit status %d" % (i, rc)
            else:
                status[f] = e["status"]
                if e.get("error"):
                    errors[f] = e["error"]
        for fd in (doc or {}).get("findings", []):
            f = os.path.normpath(os.path.join(ROOT, fd["location"]["file"]))
            per = findings.setdefault(f, {})
            per[fd["check"]] = per.get(fd["check"], 0) + 1
    return {"wall": wall, "processes": len(chunks), "status": status, "findings": findings,
            "errors": errors, "procs": procs}


def summarise(name, nfiles, floor, perfile, chunked):
    row = {"corpus": name, "files": nfiles}
    if floor:
        row["floor_seconds"] = round(floor["wall"], 1)
        row["floor_failed"] = floor["failed"]
    for label, p in (("perfile", perfile), ("chunked", chunked)):
        if not p:
            continue
        st = p["status"]
        per_check = {}
        for f, checks in p["findings"].items():
            for c, n in checks.items():
                per_check[c] = per_check.get(c, 0) + n
        row[label] = {
            "processes": p["processes"],
            "seconds": round(p["wall"], 1),
            "x_floor": round(p["wall"] / floor["wall"], 2) if floor else None,
            "analysed": sum(1 for s in st.values() if s == "analysed"),
            "crashes": sorted(f for f, s in st.items() if s in ("internal-error", "signal")),
            "timeouts": sorted(f for f, s in st.items() if s == "timeout"),
            "lost": sorted(f for f, s in st.items() if s != "analysed"),
            "parse_errors": sorted(f for f, s in st.items() if s == "parse-error"),
            "errors": {f: p["errors"][f] for f in sorted(p["errors"])},
            "findings": dict(sorted(per_check.items())),
            "total_findings": sum(per_check.values()),
            "max_process_seconds": max((x["seconds"] for x in p["procs"]), default=0),
        }
    if perfile and chunked:
        differ = sorted(f for f in perfile["findings"]
                        if perfile["status"].get(f) == "analysed"
                        and chunked["status"].get(f) == "analysed"
                        and perfile["findings"].get(f, {}) != chunked["findings"].get(f, {}))
        row["findings_differ_perfile_vs_chunked"] = differ
    return row


def markdown(rows, checks):
    lines = ["| corpus | files | mode | processes | seconds | x floor | analysed | crashes | timeouts "
             "| lost | findings |", "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        if "floor_seconds" in r:
            lines.append("| %s | %d | clang++-19 -fsyntax-only | %d | %.1f | 1.00 | %d | | | | |" % (
                r["corpus"], r["files"], r["files"], r["floor_seconds"],
                r["files"] - len(r["floor_failed"])))
        for label, title in (("perfile", "ownlint, 1 file/process"), ("chunked", "ownlint, chunks")):
            m = r.get(label)
            if not m:
                continue
            lines.append("| %s | %d | %s | %d | %.1f | %s | %d | %d | %d | %d | %d |" % (
                r["corpus"], r["files"], title, m["processes"], m["seconds"],
                "%.2f" % m["x_floor"] if m["x_floor"] else "-", m["analysed"], len(m["crashes"]),
                len(m["timeouts"]), len(m["lost"]), m["total_findings"]))
    lines += ["", "Findings per check (one file per process; chunked in parentheses when it differs):", "",
              "| check | " + " | ".join(r["corpus"] for r in rows) + " |",
              "| --- |" + " ---: |" * len(rows)]
    for c in checks:
        cells = []
        for r in rows:
            a = r.get("perfile", {}).get("findings", {}).get(c, 0)
            b = r.get("chunked", {}).get("findings", {}).get(c, 0)
            cells.append(str(a) if a == b or "chunked" not in r else "%d (%d)" % (a, b))
        lines.append("| %s | %s |" % (c, " | ".join(cells)))
    problems = []
    for r in rows:
        for label in ("perfile", "chunked"):
            m = r.get(label)
            if not m:
                continue
            for f in m["lost"]:
                problems.append("- %s %s: %s: %s" % (r["corpus"], label, os.path.relpath(f, ROOT),
                                                      m["errors"].get(f, "status " + f)))
        for f in r.get("findings_differ_perfile_vs_chunked", []):
            problems.append("- %s: findings differ between one file per process and chunks: %s"
                            % (r["corpus"], os.path.relpath(f, ROOT)))
        for f in r.get("floor_failed", []):
            problems.append("- %s: clang++ fails on %s" % (r["corpus"], os.path.relpath(f, ROOT)))
    if problems:
        lines += ["", "Problems:", ""] + problems
    return "\n".join(lines) + "\n"


def snapshot_ownlint(ownlint, build, outdir):
    """A copy of the ownlint to run (default: the build directory's) in outdir: the
    binary in the build directory may be relinked during a long run."""
    live = ownlint or os.path.join(build, "bin", "ownlint")
    copy = os.path.join(outdir, "ownlint")
    shutil.copy2(live, copy)
    return copy


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default=",".join(CORPORA))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=40)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per process (floor, perfile)")
    ap.add_argument("--chunk-timeout", type=int, default=1200, help="seconds per chunked process")
    ap.add_argument("--modes", default="floor,perfile,chunked")
    ap.add_argument("--ownlint", default=None)
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--reuse", default="", help="modes to load from the last run's pass-<mode>.json "
                    "instead of running them again (e.g. floor)")
    args = ap.parse_args()
    build = os.path.abspath(args.build_dir)
    out_root = os.path.join(build, "scale")
    os.makedirs(out_root, exist_ok=True)
    args.ownlint = snapshot_ownlint(args.ownlint, build, out_root)
    modes = args.modes.split(",")
    reuse = [m for m in args.reuse.split(",") if m]
    env = dict(os.environ, LC_ALL="C")
    rows = []
    for name in args.corpus.split(","):
        root = os.path.join(build, "corpus", name)
        if not os.path.exists(os.path.join(root, "files.txt")):
            sys.exit("%s: run bench/corpus/fetch.py first" % root)
        files = [os.path.normpath(l.strip()) for l in open(os.path.join(root, "files.txt")) if l.strip()]
        cmds = corpus_commands(root)
        outdir = os.path.join(out_root, name)
        print("%s: %d files" % (name, len(files)), file=sys.stderr, flush=True)
        passes = {}
        for mode in ("floor", "perfile", "chunked"):
            saved = os.path.join(outdir, "pass-%s.json" % mode)
            if mode in reuse:
                with open(saved) as f:
                    passes[mode] = json.load(f)
                print("  %s: reused %s" % (mode, saved), file=sys.stderr, flush=True)
                continue
            if mode not in modes:
                continue
            if mode == "floor":
                result = pass_floor(files, cmds, root, os.path.join(outdir, "floor"), args)
            elif mode == "perfile":
                result = pass_ownlint([[f] for f in files], root, os.path.join(outdir, "perfile"),
                                      args, args.timeout, env)
            else:
                chunks = [files[i:i + args.chunk] for i in range(0, len(files), args.chunk)]
                result = pass_ownlint(chunks, root, os.path.join(outdir, "chunked"), args,
                                      args.chunk_timeout, env)
            os.makedirs(outdir, exist_ok=True)
            with open(saved, "w") as f:
                json.dump(result, f)
            passes[mode] = result
            print("  %s %.1f s" % (mode, result["wall"]), file=sys.stderr, flush=True)
        floor, perfile, chunked = passes.get("floor"), passes.get("perfile"), passes.get("chunked")
        row = summarise(name, len(files), floor, perfile, chunked)
        rows.append(row)
        with open(os.path.join(outdir, "summary.json"), "w") as f:
            json.dump(row, f, indent=1)
    checks = sorted({c for r in rows for m in ("perfile", "chunked") for c in r.get(m, {}).get("findings", {})})
    try:
        checks = sorted(set(checks) | {l.split()[0] for l in subprocess.run(
            [args.ownlint, "--list-checks"], stdout=subprocess.PIPE, universal_newlines=True).stdout.splitlines()
            if l.strip().startswith("ownership-")})
    except OSError:
        pass
    md = markdown(rows, checks)
    header = "Scale run %s, %s, jobs %d, chunk %d, timeout %d s (chunks %d s)\n\n" % (
        time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.uname().nodename and
        "%d cores" % os.cpu_count(), args.jobs, args.chunk, args.timeout, args.chunk_timeout)
    name = "summary" if args.corpus == ",".join(CORPORA) else "summary-" + args.corpus.replace(",", "-")
    with open(os.path.join(out_root, name + ".md"), "w") as f:
        f.write(header + md)
    with open(os.path.join(out_root, name + ".json"), "w") as f:
        json.dump(rows, f, indent=1)
    print(header + md)
    bad = any(r.get(m, {}).get("lost") for r in rows for m in ("perfile", "chunked"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
