#!/usr/bin/env python3
"""Fetches the real-world C++ corpus from the npm registry (pinned versions,
checked against SHA-256), unpacks it under the build directory, and writes a
compile_commands.json per code base. Nothing here is committed.

  bench/corpus/fetch.py [--dest build/corpus] [--corpus leveldb,libsass,rocksdb]
                        [--check] [-j N]

--check compiles every file with clang++-19 -fsyntax-only and fails if any
does not parse cleanly.
"""

import argparse
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from concurrent.futures import ThreadPoolExecutor

CORPORA = [
    {
        "name": "leveldb",
        "package": "leveldown@6.1.1",
        "tarball": "leveldown-6.1.1.tgz",
        "sha256": "fe534f13e475826331c9cd59f279f073c3238e4db2ff2c930e17a786ba0f4f01",
        "root": "package/deps/leveldb/leveldb-1.20",
        "sources": ["db/*.cc", "table/*.cc", "util/*.cc", "helpers/memenv/memenv.cc",
                    "port/port_posix.cc", "port/port_posix_sse.cc"],
        "exclude": {
            "*_test.cc": "test (needs the test harness)",
            "*_bench.cc": "benchmark program",
            "db/db_bench.cc": "benchmark program",
            "db/leveldbutil.cc": "command-line tool, not library code",
            "util/testharness.cc": "test harness",
            "util/testutil.cc": "test harness",
        },
        "flags": ["-std=c++11", "-I.", "-Iinclude", "-DLEVELDB_PLATFORM_POSIX", "-DOS_LINUX",
                  "-DLEVELDB_ATOMIC_PRESENT", "-fno-builtin-memcmp", "-pthread"],
    },
    {
        "name": "libsass",
        "package": "node-sass@9.0.0",
        "tarball": "node-sass-9.0.0.tgz",
        "sha256": "5d28db5f71284fb2ef2ec8e1fa66de7ff5e3d62bad4a514141d3a660cd1a159d",
        "root": "package/src/libsass",
        "sources": ["src/*.cpp"],
        "exclude": {},
        "flags": ["-std=c++11", "-Iinclude", "-DLIBSASS_VERSION=\"3.5.5\""],
    },
    {
        # The rocksdb npm package 5.2.1 vendors RocksDB 6.17.3. Its library
        # sources are LIB_SOURCES in src.mk; compression libraries stay off
        # (no -DSNAPPY, -DZLIB, ...), as they are optional.
        "name": "rocksdb",
        "package": "rocksdb@5.2.1",
        "tarball": "rocksdb-5.2.1.tgz",
        "sha256": "cde1bf7a6641030ea988c50b6d452ef93e3a9dc92baa953505b23c68406f29d9",
        "root": "package/deps/rocksdb/rocksdb",
        "sources": ["cache/*.cc", "db/**/*.cc", "env/*.cc", "file/*.cc", "logging/*.cc",
                    "memory/*.cc", "memtable/*.cc", "monitoring/*.cc", "options/*.cc",
                    "port/**/*.cc", "table/**/*.cc", "trace_replay/*.cc", "util/*.cc",
                    "utilities/**/*.cc"],
        "exclude": {
            "*_test.cc": "test (needs gtest)",
            "db/db_test2.cc": "test (needs gtest)",
            "db/db_test_util.cc": "test support (TEST_LIB_SOURCES in src.mk, needs gtest)",
            "utilities/cassandra/test_utils.cc": "test support (TEST_LIB_SOURCES in src.mk, needs gtest)",
            "table/mock_table.cc": "test mock (MOCK_LIB_SOURCES in src.mk)",
            "*_bench.cc": "benchmark program",
            "port/win/*": "Windows port",
            "utilities/env_librados.cc": "needs Ceph's librados headers, not installed",
        },
        "flags": ["-std=c++11", "-I.", "-Iinclude", "-DROCKSDB_PLATFORM_POSIX",
                  "-DROCKSDB_LIB_IO_POSIX", "-DOS_LINUX", "-fno-builtin-memcmp", "-pthread"],
    },
]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(corpus, dest):
    cache = os.path.join(dest, "tarballs")
    os.makedirs(cache, exist_ok=True)
    tarball = os.path.join(cache, corpus["tarball"])
    if not os.path.exists(tarball) or sha256(tarball) != corpus["sha256"]:
        subprocess.run(["npm", "pack", corpus["package"], "--silent",
                        "--pack-destination", cache], check=True, stdout=subprocess.DEVNULL)
    digest = sha256(tarball)
    if digest != corpus["sha256"]:
        sys.exit("%s: checksum mismatch (%s)" % (corpus["tarball"], digest))
    unpacked = os.path.join(dest, corpus["name"])
    if os.path.exists(unpacked):
        shutil.rmtree(unpacked)
    os.makedirs(unpacked)
    with tarfile.open(tarball) as tar:
        prefix = corpus["root"] + "/"
        members = [m for m in tar.getmembers() if m.name.startswith(prefix)]
        for m in members:
            m.name = m.name[len(prefix):]
        tar.extractall(unpacked, members=[m for m in members if m.name])
    return unpacked


def select(corpus, root):
    import fnmatch
    files, excluded = [], []
    for pattern in corpus["sources"]:
        for path in sorted(glob.glob(os.path.join(root, pattern), recursive=True)):
            rel = os.path.relpath(path, root)
            reason = next((why for pat, why in corpus["exclude"].items()
                           if fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(os.path.basename(rel), pat)),
                          None)
            (excluded if reason else files).append((rel, reason))
    return [f for f, _ in files], excluded


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dest = os.path.join(here, "..", "..", "build", "corpus")
    ap = argparse.ArgumentParser()
    ap.add_argument("--dest", default=default_dest)
    ap.add_argument("--check", action="store_true", help="every file must parse with clang++-19")
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--jobs", "-j", type=int, default=1, help="parse this many files at once (--check)")
    ap.add_argument("--corpus", help="comma-separated names (default: all)")
    args = ap.parse_args()
    dest = os.path.abspath(args.dest)
    summary = []
    wanted = args.corpus.split(",") if args.corpus else [c["name"] for c in CORPORA]
    for corpus in (c for c in CORPORA if c["name"] in wanted):
        root = fetch(corpus, dest)
        files, excluded = select(corpus, root)
        commands = [{"directory": root, "file": os.path.join(root, f),
                     "arguments": ["clang++"] + corpus["flags"] + ["-c", f]} for f in files]
        with open(os.path.join(root, "compile_commands.json"), "w") as out:
            json.dump(commands, out, indent=1)
        with open(os.path.join(root, "files.txt"), "w") as out:
            out.write("\n".join(os.path.join(root, f) for f in files) + "\n")
        print("%s: %d files in %s" % (corpus["name"], len(files), root))
        for rel, why in excluded:
            print("  excluded %s: %s" % (rel, why))
        if args.check:
            def parse(f):
                proc = subprocess.run([args.clangxx, "-fsyntax-only", "-w"] + corpus["flags"] + [f],
                                      cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                return f, proc.returncode, proc.stderr.decode(errors="replace").splitlines()[:1]
            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                bad = [(f, err) for f, rc, err in pool.map(parse, files) if rc != 0]
            for f, err in bad:
                print("  does not parse: %s: %s" % (f, err))
            if bad:
                sys.exit(1)
            print("  all %d files parse with %s" % (len(files), args.clangxx))
        summary.append((corpus["name"], len(files)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
