#!/usr/bin/env python3
"""Every check over the whole C++ standard library as if it were project code.

libstdc++ is thousands of class and function templates written by other
people: dependent types, ParenListExpr initialisers, unresolved calls,
fold expressions, concepts, coroutines. Its headers mark themselves as system
headers; a copy without those pragmas, on a plain -I path and under
--header-filter='.*', makes ownlint analyse all of it.

  stress_stdlib.py <ownlint> <clang++> <work dir>

Prints "stdlib: N headers, exit E, F findings, 0 internal errors" and fails
on a crash, an internal error, or a file that does not compile.
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
    flags = ["-std=c++17", "-nostdinc++", "-Wno-invalid-constexpr"]
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
    source = os.path.join(work, "all.cpp")
    with open(source, "w") as out:
        for h in HEADERS:
            out.write("#if __has_include(<%s>)\n#include <%s>\n#endif\n" % (h, h))
        out.write("int main() {}\n")
    floor = subprocess.run([clangxx, "-fsyntax-only"] + flags + [source],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if floor.returncode != 0:
        sys.exit("stdlib: the copy does not compile:\n" + floor.stdout[:2000])
    proc = subprocess.run([ownlint, "--header-filter=.*", "--quiet", source, "--"] + flags,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    findings = proc.stdout.count(": warning: ")
    internal = proc.stderr.count("internal error")
    print("stdlib: %d headers, exit %d, %s findings, %d internal errors"
          % (len(HEADERS), proc.returncode, "some" if findings else "no", internal))
    if proc.returncode not in (0, 1) or internal:
        sys.stderr.write(proc.stderr[-4000:])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
