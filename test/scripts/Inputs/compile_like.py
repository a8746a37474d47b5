#!/usr/bin/env python3
"""Helper of add-check.test: compiles a source of a copy of the tree with
-fsyntax-only, with the flags the build uses for one of the real sources.

  compile_like.py <build-dir> <src-root> <copy-root> <reference> <source>

<reference> and <source> are relative to the roots: the build's command for
<src-root>/<reference> (from <build-dir>/compile_commands.json) is run on
<copy-root>/<source>, with the include directories the copy has taken from
the copy, and no object file written. Cheap enough for the normal suite,
unlike a build.
"""
import json
import os
import shlex
import subprocess
import sys


def moved(arg, src, copy, build):
    """The argument with its path into src moved into copy, if the copy has
    that file or directory (an include directory the copy lacks stays where
    it is); paths into the build directory never move."""
    if src + "/" not in arg or os.path.realpath(build) in arg:
        return arg
    new = arg.replace(src + "/", copy + "/")
    path = new[new.index(copy):]
    return new if os.path.exists(path) else arg


def main():
    build, src, copy, reference, source = sys.argv[1:6]
    src, copy = os.path.realpath(src), os.path.realpath(copy)
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = json.load(f)
    ref_path = os.path.join(src, reference)
    entry = next((e for e in commands if os.path.realpath(e["file"]) == ref_path), None)
    if entry is None:
        sys.exit("compile_like.py: no compile command for %s in %s" % (ref_path, build))
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = []
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        # No object file, no dependency file.
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a.startswith("-o") or a in ("-c", "-MD", "-MMD"):
            continue
        if os.path.realpath(a) == ref_path or a == entry["file"]:
            a = os.path.join(copy, source)
        out.append(moved(a, src, copy, build))
    out.insert(1, "-fsyntax-only")
    return subprocess.call(out, cwd=entry["directory"])


if __name__ == "__main__":
    sys.exit(main())
