/**
 * Python's `verify_schema_digest(connection)` against real SQLite databases (the stdlib
 * sqlite3, a DB-API 2.0 driver) built by applying the SQL target's own migrations: it passes on
 * a database migrated to the current schema and raises `SchemaDigestMismatch`, naming both
 * digests, on a stale one, an empty one, one without the row and one whose value is a blob.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithTool } from "../helpers/tools.js";
import { PYTHON, runPython } from "../python/python-tools.js";
import { META_TABLE, makeDigestRepo, type DigestRepo } from "./digest-repo.js";

const SCRIPT = fileURLToPath(new URL("./verify_digest.py", import.meta.url));
const hasPython = runPython(["-c", "import sqlite3"]).status === 0;

interface Outcome {
  readonly ok: boolean;
  readonly message?: string;
  readonly database_digest?: string | null;
  readonly compiled_digest?: string;
}

describeWithTool("verify_schema_digest (Python, sqlite3)", hasPython, `${PYTHON} with sqlite3`, () => {
  let repo: DigestRepo;
  let scratch: string;
  let files: readonly string[];
  let count = 0;

  beforeAll(() => {
    repo = makeDigestRepo();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-digest-py-"));
    files = repo.migrations("sqlite").map((text, i) => {
      const file = path.join(scratch, `${i + 1}.sql`);
      fs.writeFileSync(file, text);
      return file;
    });
  });
  afterAll(() => {
    fs.rmSync(repo.dir, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  function verify(apply: readonly string[], extra: readonly string[] = []): Outcome {
    count += 1;
    const db = path.join(scratch, `db-${count}.sqlite`);
    const result = runPython([
      SCRIPT,
      path.join(repo.dir, "generated"),
      db,
      ...apply.flatMap((f) => ["--apply", f]),
      ...extra,
    ]);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Outcome;
  }

  it("passes on a database migrated to the current schema", () => {
    expect(verify(files)).toEqual({ ok: true });
    // A row factory that is not a tuple (sqlite3.Row) reads the same row.
    expect(verify(files, ["--row-factory"])).toEqual({ ok: true });
  });

  it("raises on a stale database, naming the database's digest and SCHEMA_DIGEST", () => {
    const outcome = verify(files.slice(0, 1));
    expect(outcome.ok).toBe(false);
    expect(outcome.database_digest).toBe(repo.staleDigest);
    expect(outcome.compiled_digest).toBe(repo.currentDigest);
    expect(outcome.message).toBe(
      `database schema digest ${repo.staleDigest} does not match SCHEMA_DIGEST ${repo.currentDigest}: ` +
        "migrate the database or deploy the code built from its schema",
    );
  });

  it("raises on a database without the metadata table", () => {
    const outcome = verify([]);
    expect(outcome.ok).toBe(false);
    expect(outcome.database_digest).toBeNull();
    expect(outcome.message).toContain(`database schema digest none does not match SCHEMA_DIGEST ${repo.currentDigest}`);
    expect(outcome.message).toContain(`no such table: ${META_TABLE}`);
  });

  it("raises when the connection cannot even open a cursor", () => {
    const outcome = verify(files, ["--closed"]);
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toContain(
      `SCHEMA_DIGEST ${repo.currentDigest}: cannot read it (ProgrammingError: Cannot operate on a closed database.)`,
    );
  });

  it("raises when the row is missing or its value is not a string", () => {
    const noRow = verify(files, ["--run", `DELETE FROM ${META_TABLE}`]);
    expect(noRow.ok).toBe(false);
    expect(noRow.message).toContain(`SCHEMA_DIGEST ${repo.currentDigest}: the database has no schema_digest row`);
    const blob = verify(files, ["--run", `UPDATE ${META_TABLE} SET value = X'00'`]);
    expect(blob.ok).toBe(false);
    expect(blob.message).toContain("its schema_digest value is not a string");
  });
});
