#!/usr/bin/env python3
"""Validates ownlint reports against their schemas.

    validate_report.py --sarif-schema S --json-schema J (sarif|json) FILE...

SARIF logs against the official SARIF 2.1.0 schema; JSON reports against
docs/report.schema.json. Exits 1 and prints every violation otherwise.
"""
import argparse
import json
import sys

import jsonschema


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sarif-schema", required=True)
    parser.add_argument("--json-schema", required=True)
    parser.add_argument("kind", choices=["sarif", "json"])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    with open(args.sarif_schema if args.kind == "sarif" else args.json_schema) as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    bad = 0
    for path in args.files:
        with open(path) as f:
            doc = json.load(f)
        for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            bad += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print("%s: %s: %s" % (path, where or "(root)", error.message))
        if not bad:
            print("%s: valid %s" % (path, args.kind))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
