#!/usr/bin/env python3
"""Every check over the whole C++ standard library as if it were project code.

libstdc++ is thousands of class and function templates written by other
people: dependent types, ParenListExpr initialisers, unresolved calls,
fold expressions, concepts, coroutines. Its headers mark themselves as system
headers; a copy without those pragmas, on a plain -I path and under
--header-filter='.*', makes ownlint analyse all of it.

  stress_stdlib.py <ownlint> <clang++> <work dir>

Prints "stdlib c++17: N headers, exit E, ..." (and c++20) and fails
on a crash, an internal error, or a copy that does not compile.
"""

import os
import re
import shutil
import subprocess
import sys

HEADERS = ["algorithm", "any", "array", "atomic", "bitset", "chrono", "condition_variable",
           "deque", "filesystem", "forward_list", "fstream", "functional", "future",
           "iomanip", "iostream", "iterator", "list", "locale", "map", "memory",
           "memory_resource", "mutex", "numeric", "optional", "queue", "random", "regex",
           "set", "shared_mutex", "sstream", "stack", "string", "string_view", "thread",
           "tuple", "type_traits", "unordered_map", "unordered_set", "utility", "valarray",
           "variant", "vector"]
# C++20 adds concepts, ranges, coroutines and spans: templates of another kind.
HEADERS20 = ["barrier", "bit", "compare", "concepts", "coroutine", "execution", "latch",
             "numbers", "ranges", "semaphore", "source_location", "span", "stop_token",
             "syncstream"]


def include_dirs(clangxx):
    """The C++ standard library's include directories, as clang++ searches them."""
    proc = subprocess.run([clangxx, "-E", "-x", "c++", "-", "-v"], input="",
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    dirs, inside = [], False
    for line in proc.stderr.splitlines():
        if line.startswith("#include <...> search starts here"):
            inside = True
        elif line.startswith("End of search list"):
            break
        elif inside:
            d = line.strip()
            if "c++" in d:
                dirs.append(d)
    return dirs


def main():
    ownlint, clangxx, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    flags = ["-nostdinc++", "-Wno-invalid-constexpr"]
    dirs = include_dirs(clangxx)
    if not dirs:
        sys.exit("stdlib: no C++ standard library include directory found")
    pragma = re.compile(rb"^\s*#\s*pragma\s+GCC\s+system_header", re.M)
    for i, d in enumerate(dirs):
        copy = os.path.join(work, "inc%d" % i)
        shutil.copytree(d, copy, symlinks=True)
        for root, _, files in os.walk(copy):
            for f in files:
                path = os.path.join(root, f)
                if os.path.islink(path):
                    continue
                with open(path, "rb") as fh:
                    text = fh.read()
                if pragma.search(text):
                    with open(path, "wb") as fh:
                        fh.write(pragma.sub(b"", text))
        flags.append("-I" + copy)
    failed = False
    for std, headers in (("c++17", HEADERS), ("c++20", HEADERS + HEADERS20)):
        source = os.path.join(work, "all-%s.cpp" % std)
        with open(source, "w") as out:
            for h in headers:
                out.write("#if __has_include(<%s>)\n#include <%s>\n#endif\n" % (h, h))
            out.write("int main() {}\n")
        args = ["-std=" + std] + flags
        floor = subprocess.run([clangxx, "-fsyntax-only"] + args + [source], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, universal_newlines=True)
        if floor.returncode != 0:
            sys.exit("stdlib: the copy does not compile as %s:\n%s" % (std, floor.stdout[:2000]))
        proc = subprocess.run([ownlint, "--header-filter=.*", "--quiet", source, "--"] + args,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
        findings = proc.stdout.count(": warning: ")
        internal = proc.stderr.count("internal error")
        print("stdlib %s: %d headers, exit %d, %s findings, %d internal errors"
              % (std, len(headers), proc.returncode, "some" if findings else "no", internal))
        if proc.returncode not in (0, 1) or internal:
            sys.stderr.write(proc.stderr[-4000:])
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
