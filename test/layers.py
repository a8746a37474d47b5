#!/usr/bin/env python3
"""Checks that includes follow the layers: analysis <- checks <- tool, and
formats <- gating <- tool (formats and gating know no analysis or check).

Each layer's CMake library puts only its own folder on the include path, so a
plain include against the flow fails to compile already; this also rejects
the relative paths (`#include "../checks/X.h"`) that would get around it.
"""
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
ROOT = os.path.abspath(ROOT)
# Each layer may include itself and the layers listed after it.
LAYERS = [("analysis", []), ("formats", []), ("gating", ["formats"]),
          ("checks", ["analysis"]), ("tool", ["checks", "analysis", "formats", "gating"])]
# Single files a layer may include from a layer above it.
EXCEPTIONS = {}
# Where a layer's CMake library puts its headers, besides its own folder.
INCLUDE_DIRS = [os.path.join("tool", "ownlint")]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def layer_of(path):
    rel = os.path.relpath(path, ROOT)
    top = rel.split(os.sep)[0]
    return top if top in dict(LAYERS) else None


errors = []
for layer, lower in LAYERS:
    allowed = {layer, *lower}
    for dirpath, _, files in os.walk(os.path.join(ROOT, layer)):
        for name in files:
            if not name.endswith((".h", ".cpp", ".def")):
                continue
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8", errors="replace").read()
            for m in INCLUDE.finditer(text):
                inc = m.group(1)
                candidates = [os.path.join(dirpath, inc)] + [
                    os.path.join(ROOT, l, inc) for l, _ in LAYERS] + [
                    os.path.join(ROOT, d, inc) for d in INCLUDE_DIRS]
                for c in candidates:
                    if os.path.isfile(c):
                        target = layer_of(os.path.realpath(c))
                        rel = os.path.relpath(os.path.realpath(c), ROOT)
                        if rel in EXCEPTIONS.get(layer, ()):
                            break
                        if target and target not in allowed:
                            line = text.count("\n", 0, m.start()) + 1
                            errors.append("%s:%d: '%s' includes %s, a layer above it (%s)" % (
                                os.path.relpath(path, ROOT), line, layer, inc, target))
                        break
for e in errors:
    print(e)
print("layers: %d include(s) against the flow" % len(errors))
sys.exit(1 if errors else 0)
