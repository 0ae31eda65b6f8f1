/**
 * The dbmate format run by the real dbmate (npm `dbmate`, a global binary here and in CI) on
 * SQLite and on a real PostgreSQL 15 server: the folder after v1, then v2, then v3 each migrated
 * with `dbmate up` equals v3 migrated at once, two `dbmate rollback`s equal a fresh v1, with and
 * without `transaction`. dbmate refuses a file without `-- migrate:down` or with a statement
 * before `-- migrate:up`, so its acceptance is itself part of what is tested.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import type { EmittedFile } from "../../src/targets/target.js";
import { describeWithTool, findTool, runCommand } from "../helpers/tools.js";
import type { PostgresServer } from "./postgres-server.js";
import { describeWithPostgres, startPostgresServer } from "./postgres-server.js";
import { hasSqlite3 } from "./sql-engines.js";
import { SNAPSHOT_SQL } from "./sql-runners.js";
import {
  buildSqlOptions,
  emitStep,
  loadSteps,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3_RENAMES,
  toExisting,
} from "./sql-schemas.js";

const DBMATE = findTool(["dbmate"]);
const steps = loadSteps(SCHEMA_V1, SCHEMA_V2, SCHEMA_V3_RENAMES);

/** The migrations folder's files after each version (file name → content). */
function emitFolders(dialect: SqlDialect, transaction: boolean): Map<string, string>[] {
  const options = buildSqlOptions(dialect, { format: "dbmate", transaction });
  let files: readonly EmittedFile[] = [];
  return steps.map((step) => {
    files = emitStep(step, options, toExisting(files));
    return new Map(
      files.filter((f) => f.path.endsWith(".sql")).map((f) => [path.basename(f.path), f.content]),
    );
  });
}

/** One engine: a fresh database URL per call, and reading a database back. */
interface Engine {
  url(name: string): string;
  snapshot(name: string): string;
  tables(name: string): string;
}

function dbmate(url: string, dir: string, command: string): void {
  if (DBMATE === undefined) throw new Error("no dbmate");
  const args = ["--url", url, "--migrations-dir", dir, "--no-dump-schema", command];
  const result = runCommand(DBMATE, args);
  if (result.status !== 0) throw new Error(`dbmate ${command}: ${result.stderr}${result.stdout}`);
}

function writeFolder(dir: string, files: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
}

function defineCases(dialect: SqlDialect, engine: () => Engine): void {
  test.each([true, false])(
    "transaction %s: v1, v2, v3 in place equal v3 at once; two rollbacks equal v1",
    (transaction) => {
      const [v1, v2, v3] = emitFolders(dialect, transaction);
      if (v1 === undefined || v2 === undefined || v3 === undefined) throw new Error("no history");
      const root = mkdtempSync(path.join(os.tmpdir(), "permgen-dbmate-"));
      const e = engine();
      const tag = `${dialect}_${String(transaction)}`;
      try {
        const fresh = (name: string, folder: ReadonlyMap<string, string>): string => {
          const dir = path.join(root, name);
          writeFolder(dir, folder);
          dbmate(e.url(name), dir, "up");
          return e.snapshot(name);
        };
        const freshV1 = fresh(`fresh1_${tag}`, v1);
        const freshV3 = fresh(`fresh3_${tag}`, v3);
        expect(freshV3).toContain(steps[2]?.model.digest ?? "?");
        expect(freshV3).toContain("soc.alert.triage");
        expect(freshV3).not.toEqual(freshV1);

        const name = `inplace_${tag}`;
        const dir = path.join(root, name);
        for (const folder of [v1, v2, v3]) {
          writeFolder(dir, folder);
          dbmate(e.url(name), dir, "up");
        }
        expect(e.snapshot(name)).toEqual(freshV3);
        dbmate(e.url(name), dir, "rollback");
        dbmate(e.url(name), dir, "rollback");
        expect(e.snapshot(name)).toEqual(freshV1);
        dbmate(e.url(name), dir, "rollback");
        // Only dbmate's own schema_migrations table is left.
        expect(e.tables(name)).toEqual("schema_migrations\n");
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
}

describeWithTool("dbmate (real) on SQLite", DBMATE !== undefined && hasSqlite3(), "dbmate and sqlite3 (npm install -g dbmate@2.36.0; apt-get install sqlite3)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-dbmate-sqlite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = (name: string, sql: string): string => {
    const result = runCommand("sqlite3", ["-bail", path.join(dir, `${name}.sqlite`)], { input: sql });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  defineCases("sqlite", () => ({
    url: (name) => `sqlite:${path.join(dir, `${name}.sqlite`)}`,
    snapshot: (name) => sqlite(name, SNAPSHOT_SQL),
    tables: (name) => sqlite(name, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"),
  }));
});

describeWithTool("dbmate (real) on PostgreSQL", DBMATE !== undefined, "dbmate (npm install -g dbmate@2.36.0)", () => {
  describeWithPostgres("a PostgreSQL 15 server", () => {
    let server: PostgresServer | undefined;
    beforeAll(() => {
      server = startPostgresServer();
    });
    afterAll(() => server?.stop());
    const running = (): PostgresServer => {
      if (server === undefined) throw new Error("no server");
      return server;
    };
    defineCases("postgres", () => ({
      url: (name) =>
        `postgres://postgres@/${name}?socket=${encodeURIComponent(running().socketDir)}&sslmode=disable`,
      snapshot: (name) => running().psql(name, SNAPSHOT_SQL),
      tables: (name) =>
        running().psql(
          name,
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;",
        ),
    }));
  });
});
