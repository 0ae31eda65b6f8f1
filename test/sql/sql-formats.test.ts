/**
 * Every runner format's migrations applied the way its runner applies them (see sql-runners.ts)
 * to real SQLite (sqlite3 shell) and PostgreSQL (PGlite): v1 → v2 → v3 in place equals a fresh
 * v3, the downs back to v1 equal a fresh v1, the first migration's down leaves no table, and up
 * again equals v3. v3 renames a permission and a role and carries a description with what each
 * line-based runner would read as a marker (goose, dbmate) and Alembic as a bind parameter.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SqlDialect, SqlFormat } from "../../src/targets/sql/sql-options.js";
import type { EmittedFile } from "../../src/targets/target.js";
import type { DatabaseFactory, TestDatabase } from "./sql-engines.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import type { FolderFiles, RunnerScript } from "./sql-runners.js";
import { buildRunnerPlan, toFolderFiles } from "./sql-runners.js";
import {
  buildSqlOptions,
  emitStep,
  loadSteps,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3_RENAMES,
  toExisting,
} from "./sql-schemas.js";

/** The runner formats that apply .sql files (Alembic runs Python: see alembic.test.ts). */
export const SQL_FILE_FORMATS = [
  "golang-migrate",
  "goose",
  "dbmate",
  "flyway",
  "sqlx",
] as const satisfies readonly SqlFormat[];

const steps = loadSteps(SCHEMA_V1, SCHEMA_V2, SCHEMA_V3_RENAMES);

/** The folder after each version, generated one after another as a team would. */
function emitHistory(
  dialect: SqlDialect,
  format: SqlFormat,
  transaction: boolean,
): FolderFiles[] {
  const options = buildSqlOptions(dialect, { format, transaction });
  const folders: FolderFiles[] = [];
  let files: readonly EmittedFile[] = [];
  for (const step of steps) {
    files = emitStep(step, options, toExisting(files));
    folders.push(toFolderFiles(toExisting(files)));
  }
  return folders;
}

async function run(database: TestDatabase, script: RunnerScript): Promise<void> {
  await database.apply(script.transaction ? `BEGIN;\n${script.sql}\nCOMMIT;\n` : script.sql);
}

/** The rows, the digest and the tables a database holds. */
async function snapshot(database: TestDatabase, dialect: SqlDialect): Promise<unknown> {
  const tables = await database.query(
    dialect === "sqlite"
      ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name",
  );
  if (tables.length === 0) return { tables };
  const digest = await database.query("SELECT key, value FROM permgen_meta");
  return { tables, digest, rows: await database.dump() };
}

for (const dialect of ["sqlite", "postgres"] as const) {
  describeForDialect(dialect, `runner formats on ${dialect}`, () => {
    let databases: DatabaseFactory | undefined;
    beforeAll(async () => {
      databases = await openDatabases(dialect);
    });
    afterAll(async () => {
      await databases?.close();
    });
    // sqlx cannot run a permgen migration outside a transaction (see the config schema).
    const cases = SQL_FILE_FORMATS.flatMap((format): (readonly [SqlFormat, boolean])[] =>
      format === "sqlx" ? [[format, true]] : [[format, true], [format, false]],
    );

    test.each(cases)(
      "%s (transaction %s): v1 → v2 → v3 equals a fresh v3, down to v1 equals a fresh v1, up again equals v3",
      async (format, transaction) => {
        if (databases === undefined) throw new Error("no databases");
        const [v1, v2, v3] = emitHistory(dialect, format, transaction);
        if (v1 === undefined || v2 === undefined || v3 === undefined) throw new Error("no history");
        const plan = (folder: FolderFiles) => buildRunnerPlan(format, folder, dialect === "sqlite");

        const fresh = async (folder: FolderFiles): Promise<unknown> => {
          const database = await databases!.create();
          for (const script of plan(folder).up) await run(database, script);
          return snapshot(database, dialect);
        };
        const freshV1 = await fresh(v1);
        const freshV3 = await fresh(v3);
        expect(freshV3).not.toEqual(freshV1);

        const database = await databases.create();
        const applied = new Set<string>();
        for (const folder of [v1, v2, v3]) {
          for (const script of plan(folder).up) {
            if (applied.has(script.file)) continue;
            await run(database, script);
            applied.add(script.file);
          }
        }
        expect(await snapshot(database, dialect)).toEqual(freshV3);

        const downs = plan(v3).down;
        expect(downs).toHaveLength(3);
        for (const script of downs.slice(0, 2)) await run(database, script);
        expect(await snapshot(database, dialect)).toEqual(freshV1);
        const [last] = downs.slice(2);
        if (last === undefined) throw new Error("no first down");
        await run(database, last);
        expect(await snapshot(database, dialect)).toEqual({ tables: [] });

        for (const script of plan(v3).up) await run(database, script);
        expect(await snapshot(database, dialect)).toEqual(freshV3);
      },
    );
  });
}
