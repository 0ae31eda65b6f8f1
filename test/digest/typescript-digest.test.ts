/**
 * TypeScript's `verifySchemaDigest(query)` run (the generated file transpiled and imported)
 * against PGlite (Postgres in WASM) and against SQLite through the sqlite3 shell's JSON output,
 * each database built by applying the SQL target's own migrations for its dialect: it resolves
 * on a database migrated to the current schema and rejects with `SchemaDigestMismatchError`,
 * naming both digests, on a stale one and on one without the metadata table. node:sqlite
 * needs Node 22, and better-sqlite3 is not a dependency; the shell stands in for them (the
 * same row objects, `{ value }`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchemaDigestQuery } from "../golden/basic/expected/permissions.js";
import { describeWithTool } from "../helpers/tools.js";
import { hasSqlite3 } from "../sql/sql-engines.js";
import { META_TABLE, makeDigestRepo, type DigestRepo } from "./digest-repo.js";

// The generated type itself (from a golden output, which `npm run typecheck` checks): the
// PGlite and sqlite3-shell functions below must fit it as users would write them.
type Query = SchemaDigestQuery;
interface GeneratedModule {
  readonly SCHEMA_DIGEST: string;
  verifySchemaDigest(query: Query): Promise<void>;
  readonly SchemaDigestMismatchError: new (...args: never[]) => Error;
}

let repo: DigestRepo;
let generated: GeneratedModule;

beforeAll(async () => {
  repo = makeDigestRepo();
  const source = fs.readFileSync(path.join(repo.dir, "generated", "permissions.ts"), "utf8");
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const file = path.join(repo.dir, "generated", "permissions.mjs");
  fs.writeFileSync(file, js);
  generated = (await import(pathToFileURL(file).href)) as GeneratedModule;
});
afterAll(() => fs.rmSync(repo.dir, { recursive: true, force: true }));

/** Expects `verifySchemaDigest(query)` to reject with the generated error class and `message`. */
async function expectMismatch(query: Query, message: string): Promise<void> {
  const error = await generated.verifySchemaDigest(query).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(generated.SchemaDigestMismatchError);
  expect((error as Error).message).toContain(message);
}

describe("verifySchemaDigest (TypeScript, PGlite)", () => {
  // One PGlite instance (they are slow to start); each database is a schema of its own,
  // selected with search_path before the migrations and before the check's query.
  let db: PGlite | undefined;
  let count = 0;
  async function open(migrations: readonly string[]): Promise<Query> {
    db ??= new PGlite();
    const pg = db;
    count += 1;
    const select = `SET search_path TO db${count}`;
    await pg.exec(`CREATE SCHEMA db${count}; ${select};`);
    for (const migration of migrations) await pg.exec(migration);
    return async (sql) => {
      await pg.exec(select);
      return (await pg.query(sql)).rows;
    };
  }
  afterAll(async () => {
    await db?.close();
  });

  it("resolves on a database migrated to the current schema", async () => {
    const query = await open(repo.migrations("postgres"));
    await expect(generated.verifySchemaDigest(query)).resolves.toBeUndefined();
    expect(generated.SCHEMA_DIGEST).toBe(repo.currentDigest);
  });

  it("rejects a stale database, naming the database's digest and SCHEMA_DIGEST", async () => {
    const query = await open(repo.migrations("postgres").slice(0, 1));
    await expectMismatch(
      query,
      `database schema digest ${repo.staleDigest} does not match SCHEMA_DIGEST ${repo.currentDigest}`,
    );
  });

  it("rejects a database without the metadata table", async () => {
    const query = await open([]);
    await expectMismatch(
      query,
      `database schema digest none does not match SCHEMA_DIGEST ${repo.currentDigest}: cannot read it (relation "${META_TABLE}" does not exist)`,
    );
  });

  it("rejects rows that hold no string: an integer, no row, an inherited value", async () => {
    await expectMismatch(() => [{ value: 7 }], "its schema_digest value is not a string");
    await expectMismatch(() => [], "the database has no schema_digest row");
    const inherited = Object.create({ value: repo.currentDigest }) as object;
    await expectMismatch(() => [inherited], "its schema_digest value is not a string");
    // Array rows (pg's rowMode "array") read their first column.
    await expect(generated.verifySchemaDigest(() => [[repo.currentDigest]])).resolves.toBeUndefined();
  });
});

describeWithTool("verifySchemaDigest (TypeScript, SQLite)", hasSqlite3(), "sqlite3 (PATH)", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "permgen-digest-ts-"));
  });
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  let count = 0;
  function open(migrations: readonly string[]): Query {
    count += 1;
    const db = path.join(scratch, `db-${count}.sqlite`);
    for (const migration of migrations) execFileSync("sqlite3", ["-bail", db], { input: migration, stdio: "pipe" });
    return (sql) => {
      const out = execFileSync("sqlite3", ["-json", db, sql], { encoding: "utf8", stdio: "pipe" });
      return out.trim() === "" ? [] : (JSON.parse(out) as unknown[]);
    };
  }

  it("resolves on a database migrated to the current schema", async () => {
    await expect(generated.verifySchemaDigest(open(repo.migrations("sqlite")))).resolves.toBeUndefined();
  });

  it("rejects a stale database and one without the metadata table", async () => {
    await expectMismatch(
      open(repo.migrations("sqlite").slice(0, 1)),
      `database schema digest ${repo.staleDigest} does not match SCHEMA_DIGEST ${repo.currentDigest}`,
    );
    await expectMismatch(open([]), `no such table: ${META_TABLE}`);
  });
});
