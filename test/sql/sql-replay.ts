// checklist: sql replay
/**
 * The behaviour table replayed against the tables the SQL migrations fill, on SQLite and
 * PostgreSQL (PGlite): a row is allowed when the (resource, action) pair is a permission row
 * whose key is granted directly or through one of the row's roles, so the database cannot
 * disagree with the generated guards of the other languages.
 */
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import { TABLE_ROWS, TABLE_SCHEMA, type Replay, type Row } from "../behaviour/table.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import { buildSqlOptions, emitStep, listMigrations, loadSteps } from "./sql-schemas.js";

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The query answering one row: 1 when allowed, 0 when not. */
function buildQuery(row: Row): string {
  const list = (values: readonly string[]): string =>
    values.length === 0 ? "NULL" : values.map(quote).join(", ");
  return [
    "SELECT COUNT(*) AS allowed FROM permgen_permission p",
    `WHERE p.resource = ${quote(row.resource)} AND p.action = ${quote(row.action)}`,
    `AND (p.key IN (${list(row.granted ?? [])})`,
    `  OR p.id IN (SELECT permission_id FROM permgen_role_permission WHERE role IN (${list(row.roles ?? [])})))`,
  ].join("\n");
}

/** The replay on one dialect's real engine: every migration applied, then one query per row. */
function buildSqlReplay(dialect: SqlDialect): Replay {
  return {
    language: "sql",
    engine: dialect,
    describeWith: (title, body) => describeForDialect(dialect, title, body),
    async run() {
      const databases = await openDatabases(dialect);
      try {
        const db = await databases.create();
        const [step] = loadSteps(TABLE_SCHEMA);
        if (step === undefined) throw new Error("schema did not load");
        for (const migration of listMigrations(emitStep(step, buildSqlOptions(dialect)))) {
          await db.apply(migration.sql);
        }
        const answers: boolean[] = [];
        for (const row of TABLE_ROWS) {
          const [result] = await db.query(buildQuery(row));
          answers.push(Number(result?.["allowed"]) > 0);
        }
        return { language: "sql", engine: dialect, answers };
      } finally {
        await databases.close();
      }
    },
  };
}

export const sqlReplays: readonly Replay[] = [buildSqlReplay("sqlite"), buildSqlReplay("postgres")];
