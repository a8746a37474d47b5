#!/usr/bin/env python3
"""Fix round trip: apply `ownlint --fix` to a copy of each corpus, then prove the
fixed code still compiles (and, for LevelDB, still passes its own tests).

  bench/fix_roundtrip.py [--build-dir build] [--corpus leveldb,libsass,rocksdb]
                         [--jobs 2] [--no-tests] [--small]

Per corpus: copy build/corpus/<name> to build/fixrt/<name>, point its
compile_commands.json at the copy, run `ownlint -p <copy> --fix` over every
file, list the files that changed, and compile every changed source (all
sources if a header changed) with `clang++-19 -fsyntax-only` and the corpus
flags. Each compile error is reported with the findings whose fix-its touched
the lines around it: the fix-it that broke the build. There must be none.

For LevelDB, the library is then built with its own tests (the *_test.cc
files and util/testharness.cc, util/testutil.cc of the package) twice, from
the unfixed and from the fixed copy, and every test is run: a test that fails
unfixed is environment-dependent and noted as such, a test that passes unfixed
and fails fixed is a bug.

--small does the same on examples/sample (the lit test test/cli/fix-roundtrip.test
is the small version in the test suite). Exit status 1 if anything broke.
Run bench/corpus/fetch.py first.
"""

import argparse
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from scale import snapshot_ownlint

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPORA = ["leveldb", "libsass", "rocksdb"]
SOURCE_EXT = (".cc", ".cpp", ".cxx", ".c")
HEADER_EXT = (".h", ".hh", ".hpp", ".hxx", ".inl")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def nice(argv):
    return ["nice", "-n", "10"] + argv


def tree_files(root):
    out = {}
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def copy_corpus(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)
    db_path = os.path.join(dst, "compile_commands.json")
    with open(db_path) as f:
        db = json.load(f)
    src_abs, dst_abs = os.path.abspath(src), os.path.abspath(dst)

    def move(p):
        p = os.path.abspath(p)
        return dst_abs + p[len(src_abs):] if p == src_abs or p.startswith(src_abs + os.sep) else p

    for e in db:
        e["directory"] = move(e["directory"])
        e["file"] = move(os.path.join(e["directory"], e["file"]) if not os.path.isabs(e["file"])
                         else e["file"])
    with open(db_path, "w") as f:
        json.dump(db, f, indent=1)
    files = [e["file"] for e in db]
    with open(os.path.join(dst, "files.txt"), "w") as f:
        f.write("\n".join(files) + "\n")
    return db


def syntax_argv(entry, clangxx):
    out, skip = [], False
    for a in entry["arguments"][1:]:
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a != "-c":
            out.append(a)
    return [clangxx, "-fsyntax-only", "-w"] + out


def line_of(text, offset):
    return text.count(b"\n", 0, offset) + 1


def culprits(orig_path, fixed_path, line, findings):
    """Findings in orig_path whose fix-its lie nearest to `line` of the fixed file."""
    with open(orig_path, "rb") as f:
        orig = f.read()
    with open(fixed_path, "rb") as f:
        fixed = f.read()
    a, b = orig.split(b"\n"), fixed.split(b"\n")
    orig_line = line
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if j1 <= line - 1 < max(j2, j1 + 1):
            orig_line = i1 + 1 + (min(line - 1 - j1, max(i2 - i1 - 1, 0)) if tag == "equal" or
                                  i2 > i1 else 0)
            break
    scored = []
    for fd in findings:
        lines = [line_of(orig, fx["offset"]) for fx in fd.get("fixes", [])
                 if os.path.realpath(fx["file"]) == os.path.realpath(orig_path)]
        if lines:
            dist = min(abs(l - orig_line) for l in lines)
            scored.append((dist, fd))
    scored.sort(key=lambda x: x[0])
    best = [fd for d, fd in scored if d == scored[0][0]] if scored else []
    return orig_line, best


def run_fix(name, src, dst, jobs, ownlint, clangxx, outdir):
    log("%s: copying to %s" % (name, dst))
    db = copy_corpus(src, dst)
    before = {rel: digest(p) for rel, p in tree_files(dst).items()}
    files = [e["file"] for e in db]
    findings_path = os.path.join(outdir, name + ".findings.json")
    start = time.perf_counter()
    proc = subprocess.run(nice([ownlint, "-p", dst, "--no-cache", "--fix", "-j", str(jobs), "--format=json",
                                "-o", findings_path, "--quiet"] + files),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    fix_secs = time.perf_counter() - start
    with open(os.path.join(outdir, name + ".fix.stderr"), "w") as f:
        f.write(proc.stderr)
    try:
        with open(findings_path) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        doc = {"files": [], "findings": []}
    after = tree_files(dst)
    changed = sorted(rel for rel, p in after.items()
                     if rel not in ("compile_commands.json", "files.txt") and before.get(rel) != digest(p))
    log("%s: ownlint --fix exit %d, %d findings, %d file(s) changed (%.1f s)"
        % (name, proc.returncode, len(doc["findings"]), len(changed), fix_secs))
    by_file = {}
    for fd in doc["findings"]:
        by_file.setdefault(os.path.realpath(fd["location"]["file"]), []).append(fd)
    with_fixes = sum(1 for fd in doc["findings"] if fd.get("fixes"))

    header_changed = any(rel.endswith(HEADER_EXT) for rel in changed)
    entries = {os.path.realpath(e["file"]): e for e in db}
    recompile = sorted(entries) if header_changed else sorted(
        os.path.realpath(os.path.join(dst, rel)) for rel in changed
        if os.path.realpath(os.path.join(dst, rel)) in entries)

    def compile_one(path):
        e = entries[path]
        p = subprocess.run(nice(syntax_argv(e, clangxx)), cwd=e["directory"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        return path, p.returncode, p.stderr

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(compile_one, recompile))
    errors = []
    for path, rc, err in results:
        if rc == 0:
            continue
        for l in err.splitlines():
            if ": error:" not in l:
                continue
            loc, msg = l.split(": error:", 1)
            parts = loc.rsplit(":", 2)
            efile = os.path.realpath(os.path.join(entries[path]["directory"], parts[0]))
            eline = int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else 0
            rel = os.path.relpath(efile, dst)
            orig = os.path.join(src, rel)
            found = []
            orig_line = eline
            if os.path.exists(orig) and eline:
                orig_line, found = culprits(orig, efile, eline, by_file.get(efile, []))
            errors.append({"compiling": os.path.relpath(path, dst), "file": rel, "line": eline,
                           "original_line": orig_line, "error": msg.strip(),
                           "findings": ["%s:%d: [%s] %s" % (rel, fd["location"]["line"], fd["check"],
                                                            fd["message"]) for fd in found]})
    failed_files = sorted(os.path.relpath(p, dst) for p, rc, _ in results if rc != 0)
    statuses = {}
    for f in doc["files"]:
        statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    return {"corpus": name, "files": len(files), "ownlint_exit": proc.returncode,
            "file_status": statuses, "findings": len(doc["findings"]),
            "findings_with_fixes": with_fixes, "changed": changed,
            "header_changed": header_changed, "recompiled": len(recompile),
            "failed_files": failed_files, "errors": errors, "fix_seconds": round(fix_secs, 1)}


def leveldb_tests(name, orig_root, fixed_root, outdir, jobs, cxx):
    """Builds LevelDB with its tests from both trees and runs every test."""
    with open(os.path.join(orig_root, "compile_commands.json")) as f:
        db = json.load(f)
    flags = [a for a in db[0]["arguments"][1:-2]]  # drop "clang++" and "-c <file>"
    lib = sorted(os.path.relpath(e["file"], orig_root) for e in db)
    harness = ["util/testharness.cc", "util/testutil.cc"]
    tests = sorted(rel for rel in tree_files(orig_root) if rel.endswith("_test.cc"))
    cache = os.path.join(outdir, "objcache")
    os.makedirs(cache, exist_ok=True)

    def headers_hash(root):
        h = hashlib.sha256()
        for rel, p in tree_files(root).items():
            if rel.endswith(HEADER_EXT):
                h.update(rel.encode() + b"\0" + digest(p).encode())
        return h.hexdigest()

    result = {}
    for label, root in (("unfixed", orig_root), ("fixed", fixed_root)):
        hh = headers_hash(root)
        bindir = os.path.join(outdir, "tests-" + label)
        os.makedirs(bindir, exist_ok=True)

        def obj(rel):
            key = hashlib.sha256((rel + hh + digest(os.path.join(root, rel))).encode()).hexdigest()[:24]
            out = os.path.join(cache, key + ".o")
            if os.path.exists(out):
                return rel, out, 0, ""
            p = subprocess.run(nice([cxx, "-O1", "-w"] + flags + ["-c", rel, "-o", out + ".tmp"]),
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
            if p.returncode == 0:
                os.replace(out + ".tmp", out)
            return rel, out, p.returncode, p.stderr

        log("%s: building LevelDB and %d tests (%s)" % (name, len(tests), label))
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            objs = list(pool.map(obj, lib + harness + tests))
        build_errors = {rel: err for rel, _, rc, err in objs if rc != 0}
        objpath = {rel: out for rel, out, rc, _ in objs}
        lib_objs = [objpath[r] for r in lib + harness]
        runs = {}
        for t in tests:
            if t in build_errors or any(r in build_errors for r in lib + harness):
                runs[t] = {"status": "build-error"}
                continue
            exe = os.path.join(bindir, os.path.basename(t)[:-3])
            p = subprocess.run(nice([cxx, "-pthread", objpath[t]] + lib_objs + ["-o", exe]),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            if p.returncode != 0:
                runs[t] = {"status": "link-error", "output": p.stderr[-2000:]}
                continue
            tmp = os.path.join(bindir, "tmp-" + os.path.basename(exe))
            shutil.rmtree(tmp, ignore_errors=True)
            os.makedirs(tmp)
            start = time.perf_counter()
            p = subprocess.run(nice(["timeout", "-k", "10", "900", exe]), cwd=tmp,
                               env=dict(os.environ, TEST_TMPDIR=tmp),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
            secs = time.perf_counter() - start
            with open(exe + ".log", "w") as f:
                f.write(p.stdout)
            runs[t] = {"status": "pass" if p.returncode == 0 else "fail (exit %d)" % p.returncode,
                       "seconds": round(secs, 1)}
            if p.returncode != 0:
                runs[t]["output"] = p.stdout[-2000:]
            log("  %s %s: %s (%.1f s)" % (label, t, runs[t]["status"], secs))
        result[label] = {"build_errors": build_errors, "tests": runs,
                         "passed": sum(1 for r in runs.values() if r["status"] == "pass"),
                         "total": len(runs)}
    u, f = result["unfixed"]["tests"], result["fixed"]["tests"]
    result["regressions"] = sorted(t for t in u if u[t]["status"] == "pass" and f[t]["status"] != "pass")
    result["fail_unfixed"] = sorted(t for t in u if u[t]["status"] != "pass")
    return result


def small(args):
    """The sample project, as the lit test does it."""
    build = os.path.abspath(args.build_dir)
    dst = os.path.join(build, "fixrt", "sample")
    src = os.path.join(ROOT, "examples", "sample")
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    files = sorted(os.path.join(dst, "src", n) for n in os.listdir(os.path.join(dst, "src")))
    db = [{"directory": dst, "file": f,
           "arguments": ["clang++", "-std=c++17", "-I" + os.path.join(dst, "include"), "-c", f]}
          for f in files]
    with open(os.path.join(dst, "compile_commands.json"), "w") as f:
        json.dump(db, f, indent=1)
    tmp_src = dst + ".orig"
    if os.path.exists(tmp_src):
        shutil.rmtree(tmp_src)
    shutil.copytree(dst, tmp_src)
    outdir = os.path.join(build, "fixrt")
    # run_fix copies again; point it at the pristine copy.
    shutil.rmtree(dst)
    return run_fix("sample", tmp_src, dst, args.jobs, args.ownlint, args.clangxx, outdir)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default=",".join(CORPORA))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--small", action="store_true", help="only examples/sample")
    ap.add_argument("--no-tests", action="store_true", help="skip building and running LevelDB's tests")
    ap.add_argument("--ownlint", default=None)
    ap.add_argument("--clangxx", default="clang++-19")
    args = ap.parse_args()
    build = os.path.abspath(args.build_dir)
    outdir = os.path.join(build, "fixrt")
    os.makedirs(outdir, exist_ok=True)
    args.ownlint = snapshot_ownlint(args.ownlint, build, outdir)
    rows = []
    if args.small:
        rows.append(small(args))
    else:
        for name in args.corpus.split(","):
            src = os.path.join(build, "corpus", name)
            if not os.path.exists(os.path.join(src, "compile_commands.json")):
                sys.exit("%s: run bench/corpus/fetch.py first" % src)
            dst = os.path.join(outdir, name)
            row = run_fix(name, src, dst, args.jobs, args.ownlint, args.clangxx, outdir)
            if name == "leveldb" and not args.no_tests:
                row["tests"] = leveldb_tests(name, src, dst, os.path.join(outdir, "leveldb-tests"),
                                             args.jobs, args.clangxx)
            rows.append(row)
            with open(os.path.join(outdir, name + ".json"), "w") as f:
                json.dump(row, f, indent=1)

    lines = ["Fix round trip %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "",
             "| corpus | files | findings | with fix-its | changed files | recompiled | compile errors "
             "| tests pass unfixed | tests pass fixed |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    bad = False
    for r in rows:
        t = r.get("tests")
        lines.append("| %s | %d | %d | %d | %d | %d | %d | %s | %s |" % (
            r["corpus"], r["files"], r["findings"], r["findings_with_fixes"], len(r["changed"]),
            r["recompiled"], len(r["errors"]),
            "%d/%d" % (t["unfixed"]["passed"], t["unfixed"]["total"]) if t else "-",
            "%d/%d" % (t["fixed"]["passed"], t["fixed"]["total"]) if t else "-"))
        bad |= bool(r["errors"] or r["failed_files"] or (t and t["regressions"]))
    for r in rows:
        if r["changed"]:
            lines += ["", "%s: changed files: %s" % (r["corpus"], ", ".join(r["changed"]))]
        if r["file_status"].get("analysed", 0) != r["files"]:
            lines.append("%s: file status %s (ownlint exit %d)" % (r["corpus"], r["file_status"],
                                                                   r["ownlint_exit"]))
        for e in r["errors"]:
            lines.append("- COMPILE ERROR %s:%d (line %d before the fix): %s; compiling %s; fix-it of: %s"
                         % (e["file"], e["line"], e["original_line"], e["error"], e["compiling"],
                            "; ".join(e["findings"]) or "(no fix-it nearby)"))
        for f in r["failed_files"]:
            if not any(e["compiling"] == f for e in r["errors"]):
                lines.append("- %s does not compile after the fix" % f)
        t = r.get("tests")
        if t:
            for label in ("unfixed", "fixed"):
                for rel, err in t[label]["build_errors"].items():
                    lines.append("- LevelDB %s: %s does not build: %s" % (label, rel, err.splitlines()[:1]))
            for tname in t["fail_unfixed"]:
                lines.append("- LevelDB test %s fails even unfixed: %s" % (
                    tname, t["unfixed"]["tests"][tname]["status"]))
            for tname in t["regressions"]:
                lines.append("- LevelDB test %s passes unfixed but not fixed: %s" % (
                    tname, t["fixed"]["tests"][tname]["status"]))
    text = "\n".join(lines) + "\n"
    name = "summary" if not args.small else "summary-small"
    if not args.small and args.corpus != ",".join(CORPORA):
        name = "summary-" + args.corpus.replace(",", "-")
    with open(os.path.join(outdir, name + ".md"), "w") as f:
        f.write(text)
    print(text)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
