#!/usr/bin/env python3
"""Helper of add-check.test: is an entry in name order among its neighbours?

  sorted_around.py <file> <regex> <key> [<other key>]

The lines of <file> that match <regex> (its first group is the line's key)
form lists, one per block of lines between blank lines. <key> must be in one
of them, after a smaller key (unless first) and before a greater one (unless
last); the rest of the list may be in any order, as checks/CMakeLists.txt is.
<other key>, if given, must be in the same block.
"""
import re
import sys


def main():
    path, pattern, key = sys.argv[1:4]
    other = sys.argv[4] if len(sys.argv) > 4 else None
    regex = re.compile(pattern)
    with open(path) as f:
        blocks = re.split(r"\n[ \t]*\n", f.read())
    lists = [[m.group(1) for m in map(regex.search, b.split("\n")) if m] for b in blocks]
    keys = next((l for l in lists if key in l), None)
    if keys is None:
        sys.exit("%s: no line has the key '%s'" % (path, key))
    if other is not None and other not in keys:
        sys.exit("%s: '%s' is not in the block of '%s': %s" % (path, other, key, keys))
    i = keys.index(key)
    if i > 0 and not keys[i - 1] < key:
        sys.exit("%s: '%s' comes after '%s'" % (path, key, keys[i - 1]))
    if i + 1 < len(keys) and not key < keys[i + 1]:
        sys.exit("%s: '%s' comes before '%s'" % (path, key, keys[i + 1]))
    print("%s: %s < %s < %s" % (path, keys[i - 1] if i > 0 else "(first)", key,
                                keys[i + 1] if i + 1 < len(keys) else "(last)"))


if __name__ == "__main__":
    main()
