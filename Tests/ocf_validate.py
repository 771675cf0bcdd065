"""Validates an OCF package against the OCF JSON Schemas, version 1.2.0.

    python3 Tests/ocf_validate.py PACKAGE_DIR

Tests/OCFSchema holds the Open Cap Table Coalition's schemas of OCF v1.2.0,
as published (each keeps its copyright $comment; Tests/OCFSchema/LICENSE.md),
read offline: every $ref resolves to a file here. Each file of the package
is validated against the schema its file_type names, and each checksum the
manifest lists against its file. Prints one line a
problem and exits 1 when there is any.
"""
import hashlib
import json
import os
import sys

import jsonschema

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "OCFSchema", "schema")


def store():
    schemas = {}
    for folder, _, names in os.walk(ROOT):
        for name in names:
            if name.endswith(".schema.json"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    schema = json.load(f)
                schemas[schema["$id"]] = schema
    return schemas


def main():
    schemas = store()
    by_type = {}
    for schema in schemas.values():
        file_type = schema.get("properties", {}).get("file_type", {})
        if "const" in file_type:
            by_type[file_type["const"]] = schema
    problems = 0
    package = sys.argv[1]
    for name in sorted(os.listdir(package)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(package, name), encoding="utf-8") as f:
            document = json.load(f)
        schema = by_type.get(document.get("file_type"))
        if schema is None:
            print(f"{name}: no schema for file_type {document.get('file_type')!r}")
            problems += 1
            continue
        resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=schemas)
        validator = jsonschema.Draft7Validator(schema, resolver=resolver)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            print(f"{name}: {'/'.join(str(p) for p in error.absolute_path)}: {error.message[:300]}")
            problems += 1
    # The manifest's checksums are those of the files it lists.
    for name in sorted(os.listdir(package)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(package, name), encoding="utf-8") as f:
            document = json.load(f)
        if document.get("file_type") != "OCF_MANIFEST_FILE":
            continue
        for key, entries in document.items():
            if not key.endswith("_files"):
                continue
            for entry in entries:
                with open(os.path.join(package, entry["filepath"]), "rb") as f:
                    if hashlib.md5(f.read()).hexdigest() != entry["md5"].lower():
                        print(f"{name}: {entry['filepath']}: md5 {entry['md5']} is not the file's")
                        problems += 1
    print(f"{problems} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
