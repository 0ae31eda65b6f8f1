"""Replays the behaviour table against a generated Python module.

Usage: python3 replay_python.py MODULE_DIR TABLE_JSON

Prints one line per row, "row <index> true" or "row <index> false" (what the guard answered;
raising counts as false). Untyped calls on purpose: the table passes raw strings.
"""

import json
import sys

sys.path.insert(0, sys.argv[1])

import permission_taxonomy as p  # noqa: E402


def answer(row: dict[str, object]) -> bool:
    granted = row["granted"]
    if "roles" in row:
        granted = [*(granted or []), *p.permissions_of_roles(row["roles"])]  # type: ignore[misc]
    try:
        return p.has_permission(granted, row["resource"], row["action"])  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - raising is an answer too: not allowed
        return False


with open(sys.argv[2], encoding="utf-8") as table:
    for index, row in enumerate(json.load(table)["rows"]):
        print(f"row {index} {'true' if answer(row) is True else 'false'}")
