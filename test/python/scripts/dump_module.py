"""Prints a generated permission module's vocabulary and tables as JSON.

Usage: python3 dump_module.py MODULE_DIR [MODULE_NAME]

Imports MODULE_NAME (default permission_taxonomy) from MODULE_DIR with fastapi blocked, so
the dump also proves the module imports without it, and prints every enum as
[[member name, value], ...] in definition order, the tables with enum members written as
their values, sorted where Python gives no order.
"""

import importlib
import json
import sys


def main() -> None:
    module_dir = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else "permission_taxonomy"
    sys.modules["fastapi"] = None  # type: ignore[assignment]
    sys.path.insert(0, module_dir)
    module = importlib.import_module(name)

    def members(enum_class: type) -> list[list[str]]:
        return [[m.name, m.value] for m in enum_class]

    role_class = getattr(module, "Role", None)
    dump = {
        "SCHEMA_DIGEST": module.SCHEMA_DIGEST,
        "Resource": members(module.Resource),
        "Action": members(module.Action),
        "Permission": members(module.Permission),
        "Role": None if role_class is None else members(role_class),
        "ALL_PERMISSIONS": [p.value for p in module.ALL_PERMISSIONS],
        "RESOURCE_ACTION_PAIRS": sorted([r.value, a.value] for r, a in module.RESOURCE_ACTION_PAIRS),
        "PERMISSION_IDS": {p.value: i for p, i in module.PERMISSION_IDS.items()},
        "ROLE_PERMISSIONS": None
        if role_class is None
        else {r.value: sorted(p.value for p in ps) for r, ps in module.ROLE_PERMISSIONS.items()},
        "DEPRECATED_PERMISSIONS": {p.value: r for p, r in module.DEPRECATED_PERMISSIONS.items()},
        "__all__": module.__all__,
        "fastapi_imported": sys.modules.get("fastapi") is not None,
    }
    print(json.dumps(dump, indent=1))


main()
