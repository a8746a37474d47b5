#!/usr/bin/env python3
"""cache_corrupt.py MODE DIR: damages every entry of a result cache.

garbage: each entry becomes one of several kinds of broken text.
result:  each entry that parses keeps its JSON but gets a result of the
         wrong shape (and every other field intact).
"""
import glob
import json
import sys

mode, directory = sys.argv[1], sys.argv[2]
broken = ["garbage", '{"format": 1, "key"', '{"format": 1}', "[]", ""]
entries = sorted(glob.glob(directory + "/*/*.json"))
assert entries, "no cache entries in " + directory
for i, path in enumerate(entries):
    if mode == "garbage":
        text = broken[i % len(broken)]
    else:
        try:
            entry = json.load(open(path))
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        entry["result"] = {"file": 1}
        text = json.dumps(entry)
    with open(path, "w") as f:
        f.write(text)
