/**
 * Replays the shared behaviour table (test/behaviour/table.json over
 * test/behaviour/permissions.ts) against the tables the SQL migrations fill, on SQLite and
 * PostgreSQL: a row is allowed when the (resource, action) pair is a permission row whose key is
 * granted directly or through one of the row's roles, so the database cannot disagree with the
 * generated guards of the other languages.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import type { DatabaseFactory, TestDatabase } from "./sql-engines.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import { buildSqlOptions, emitStep, listMigrations, loadSteps } from "./sql-schemas.js";

interface Row {
  readonly note: string;
  readonly granted: readonly string[] | null;
  readonly roles?: readonly string[];
  readonly resource: string;
  readonly action: string;
  readonly allowed: boolean;
}

const TABLE = JSON.parse(
  readFileSync(new URL("../behaviour/table.json", import.meta.url), "utf8"),
) as {
  rows: Row[];
};
const SCHEMA = readFileSync(
  fileURLToPath(new URL("../behaviour/permissions.ts", import.meta.url)),
  "utf8",
);

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

for (const dialect of ["sqlite", "postgres"] as const satisfies readonly SqlDialect[]) {
  describeForDialect(dialect, `the behaviour table on ${dialect}`, () => {
    let databases: DatabaseFactory | undefined;
    let db: TestDatabase | undefined;

    beforeAll(async () => {
      databases = await openDatabases(dialect);
      db = await databases.create();
      const [step] = loadSteps(SCHEMA);
      if (step === undefined) throw new Error("schema did not load");
      for (const migration of listMigrations(emitStep(step, buildSqlOptions(dialect)))) {
        await db.apply(migration.sql);
      }
    });
    afterAll(async () => {
      await databases?.close();
    });

    test("every row is answered as the table says", async () => {
      if (db === undefined) throw new Error("database not opened");
      const answers: string[] = [];
      const expected: string[] = [];
      for (const row of TABLE.rows) {
        const [result] = await db.query(buildQuery(row));
        answers.push(`${row.note}: ${Number(result?.["allowed"]) > 0}`);
        expected.push(`${row.note}: ${row.allowed}`);
      }
      expect(TABLE.rows.length).toBeGreaterThan(40);
      expect(answers).toEqual(expected);
    });
  });
}
