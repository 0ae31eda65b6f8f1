"""Recomputes SCHEMA_DIGEST independently of permgen's TypeScript (src/model/digest.ts).

Usage: python3 digest.py < vocabulary.json

The input is the vocabulary in schema order, unsorted:
{"namespace": str | null, "resources": [value...], "actions": [value...],
 "permissions": [[key, resource, action, id]...], "roles": [[name, [key...]]...]}
With modules (issue 12) it also has "modules": [name...] and each permission a fifth element,
its module; the canonical JSON then has "modules" after "namespace" and five-element tuples.

Prints the lowercase hex sha256 of the canonical JSON (version 1): keys in the documented
order, no whitespace, every list sorted by UTF-16 code unit, as JSON.stringify escapes.
"""

import hashlib
import json
import sys


def utf16(text: str) -> bytes:
    """Sort key: big-endian UTF-16 bytes order strings by code unit, as JavaScript's `<` does."""
    return text.encode("utf-16-be", "surrogatepass")


def canonical(vocabulary: dict) -> str:
    modules = vocabulary.get("modules") or []
    permissions = sorted(
        ([p[0], p[1], p[2], int(p[3]), *([p[4]] if modules else [])] for p in vocabulary["permissions"]),
        key=lambda p: utf16(p[0]),
    )
    roles = sorted(
        ([name, sorted(keys, key=utf16)] for name, keys in vocabulary["roles"]),
        key=lambda r: utf16(r[0]),
    )
    document = {
        "v": 1,
        "namespace": vocabulary["namespace"],
        **({"modules": sorted(modules, key=utf16)} if modules else {}),
        "resources": sorted(vocabulary["resources"], key=utf16),
        "actions": sorted(vocabulary["actions"], key=utf16),
        "permissions": permissions,
        "roles": roles,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


print(hashlib.sha256(canonical(json.load(sys.stdin)).encode("utf-8")).hexdigest())
