"""Applies migrations to a SQLite database with the stdlib sqlite3, then calls the generated
module's verify_schema_digest on a DB-API connection to it and prints the outcome as JSON.

Usage: verify_digest.py MODULE_DIR DB_PATH [--apply FILE]... [--run SQL]... [--row-factory]
[--closed]
"""

import argparse
import json
import sqlite3
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("module_dir")
    parser.add_argument("db_path")
    parser.add_argument("--apply", action="append", default=[])
    parser.add_argument("--run", action="append", default=[])
    parser.add_argument("--row-factory", action="store_true")
    parser.add_argument("--closed", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, args.module_dir)
    import permissions

    setup = sqlite3.connect(args.db_path)
    for file in args.apply:
        with open(file, encoding="utf-8") as migration:
            setup.executescript(migration.read())
    for statement in args.run:
        setup.execute(statement)
    setup.commit()
    setup.close()

    connection = sqlite3.connect(args.db_path)
    if args.row_factory:
        connection.row_factory = sqlite3.Row
    if args.closed:
        connection.close()
    try:
        permissions.verify_schema_digest(connection)
    except permissions.SchemaDigestMismatch as error:
        result = {
            "ok": False,
            "message": str(error),
            "database_digest": error.database_digest,
            "compiled_digest": error.compiled_digest,
        }
    else:
        result = {"ok": True}
    print(json.dumps(result))


main()
