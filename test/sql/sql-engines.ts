/**
 * Real database engines for the SQL target's tests: SQLite through the `sqlite3` command-line
 * shell (a file database per test), PostgreSQL through PGlite (Postgres compiled to WASM,
 * in-process; one instance per suite, one schema per database, selected with search_path).
 *
 * A test that needs `sqlite3` and finds it missing fails when `CI` is set and is skipped loudly
 * otherwise (see `describeForDialect`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import { describeWithTool } from "../helpers/tools.js";

/** The rows of the three tables, each list in a fixed order (ids numerically, names binary). */
export interface TableDump {
  readonly permissions: readonly {
    id: number;
    key: string;
    resource: string;
    action: string;
    description: string | null;
  }[];
  readonly roles: readonly { name: string; description: string | null }[];
  readonly links: readonly { role: string; permission_id: number }[];
}

/** One database of one engine. */
export interface TestDatabase {
  /** Runs a script (a migration); rejects with the engine's message when any statement fails. */
  apply(sql: string): Promise<void>;
  /** Runs one statement outside the migrations; rejects with the engine's message on error. */
  run(sql: string): Promise<void>;
  /** Returns the rows of one query. */
  query(sql: string): Promise<readonly Record<string, unknown>[]>;
  /** Reads the three tables. */
  dump(): Promise<TableDump>;
}

/** Creates fresh, empty databases of one dialect; `close` releases them all. */
export interface DatabaseFactory {
  create(): Promise<TestDatabase>;
  close(): Promise<void>;
}

/** Tells whether the sqlite3 shell runs here. */
export function hasSqlite3(): boolean {
  return spawnSync("sqlite3", ["-version"], { encoding: "utf8" }).status === 0;
}

/**
 * Declares a describe block that needs the sqlite3 shell: when it is missing the block fails
 * under `CI` and is skipped with a loud warning elsewhere. Postgres (PGlite) is an npm
 * dependency and always present.
 */
export function describeForDialect(dialect: SqlDialect, title: string, body: () => void): void {
  const available = dialect === "postgres" || hasSqlite3();
  describeWithTool(title, available, "sqlite3 (PATH; apt-get install sqlite3)", body);
}

/** Opens a factory of databases for `dialect`. */
export async function openDatabases(dialect: SqlDialect): Promise<DatabaseFactory> {
  return dialect === "sqlite" ? openSqliteDatabases() : await openPostgresDatabases();
}

const DUMP_QUERIES = {
  permissions: "SELECT id, key, resource, action, description FROM permgen_permission ORDER BY id",
  roles: "SELECT name, description FROM permgen_role",
  links: "SELECT role, permission_id FROM permgen_role_permission",
} as const;

async function dumpWith(query: TestDatabase["query"]): Promise<TableDump> {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const permissions = (await query(
    DUMP_QUERIES.permissions,
  )) as unknown as TableDump["permissions"];
  const roles = [...((await query(DUMP_QUERIES.roles)) as unknown as TableDump["roles"])];
  const links = [...((await query(DUMP_QUERIES.links)) as unknown as TableDump["links"])];
  roles.sort((a, b) => byText(a.name, b.name));
  links.sort((a, b) => byText(a.role, b.role) || a.permission_id - b.permission_id);
  return {
    permissions: [...permissions].sort((a, b) => a.id - b.id),
    roles,
    links,
  };
}

function openSqliteDatabases(): DatabaseFactory {
  const dir = mkdtempSync(path.join(os.tmpdir(), "permgen-sqlite-"));
  let count = 0;
  const sqlite = (file: string, args: readonly string[], input: string): string => {
    const r = spawnSync("sqlite3", ["-bail", ...args, file], {
      input,
      encoding: "utf8",
    });
    if (r.status !== 0 || r.stderr !== "") throw new Error(`sqlite3: ${r.stderr.trim()}`);
    return r.stdout;
  };
  return {
    async create() {
      count += 1;
      const file = path.join(dir, `db${count}.sqlite`);
      const query = async (sql: string): Promise<Record<string, unknown>[]> => {
        const out = sqlite(file, ["-json"], `${sql};\n`);
        return out.trim() === "" ? [] : (JSON.parse(out) as Record<string, unknown>[]);
      };
      const database: TestDatabase = {
        apply: async (sql) => void sqlite(file, [], sql),
        // Every connection of the shell starts with foreign keys off; turn them on as an app would.
        run: async (sql) => void sqlite(file, [], `PRAGMA foreign_keys = ON;\n${sql};\n`),
        query,
        dump: () => dumpWith(query),
      };
      return database;
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgresDatabases(): Promise<DatabaseFactory> {
  const pg = new PGlite();
  let count = 0;
  return {
    async create() {
      count += 1;
      const schema = `db${count}`;
      await pg.exec(`CREATE SCHEMA ${schema}`);
      const use = `SET search_path TO ${schema};`;
      const exec = async (sql: string): Promise<void> => {
        try {
          await pg.exec(`${use}\n${sql}`);
        } catch (error) {
          // A failed statement leaves the migration's transaction open and aborted.
          await pg.exec("ROLLBACK");
          throw error;
        }
      };
      const query = async (sql: string): Promise<Record<string, unknown>[]> => {
        await pg.exec(use);
        return (await pg.query<Record<string, unknown>>(sql)).rows;
      };
      return { apply: exec, run: exec, query, dump: () => dumpWith(query) };
    },
    async close() {
      await pg.close();
    },
  };
}
