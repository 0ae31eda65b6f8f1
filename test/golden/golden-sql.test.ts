// checklist: sql checker
/**
 * Every golden SQL target's migrations (for `plain`, `test/golden/<case>/expected/sql/*.sql` in
 * file-name order; for a runner format, the up scripts its runner would send, in its order, as
 * test/sql/sql-runners.ts reads each runner's rules) apply cleanly to a fresh database of the target's dialect — PostgreSQL through PGlite,
 * SQLite through the sqlite3 shell — and leave the case's SCHEMA_DIGEST in the metadata table
 * and exactly the rows the case's JSON output lists in the three tables.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlDialect, SqlFormat } from "../../src/targets/sql/sql-options.js";
import { buildRunnerPlan } from "../sql/sql-runners.js";
import {
  describeForDialect,
  openDatabases,
  type DatabaseFactory,
  type TableDump,
} from "../sql/sql-engines.js";
import {
  describeGoldenChecker,
  GOLDEN_DIR,
  listFiles,
  listCasesFor,
  listGoldenCases,
  readCaseDigest,
  readGoldenTargets,
} from "./golden-files.js";

/** One SQL target of one golden case. */
interface SqlChain {
  readonly caseName: string;
  /** The case and the target's folder, for the test title. */
  readonly label: string;
  readonly dialect: SqlDialect;
  /** The up scripts, in the order the format's runner applies them. */
  readonly migrations: readonly { readonly sql: string; readonly transaction: boolean }[];
}

/** The part of a case's JSON output the tables must equal. */
interface JsonOutput {
  readonly schemaDigest: string;
  readonly permissions: readonly {
    key: string;
    resource: string;
    action: string;
    id: number;
    description: string | null;
  }[];
  readonly roles: readonly {
    name: string;
    description: string | null;
    permissions: string[];
  }[];
}

function listSqlChains(): SqlChain[] {
  return listGoldenCases().flatMap((caseName) =>
    readGoldenTargets(caseName)
      // Alembic revisions are Python, run by Alembic itself in test/sql/alembic.test.ts.
      .filter((t) => t.language === "sql" && t.format !== "alembic")
      .map((t) => {
        const dir = path.resolve(GOLDEN_DIR, caseName, t.out);
        const folder = new Map(
          listFiles(dir).map((f) => [path.relative(dir, f), readFileSync(f, "utf8")]),
        );
        const format = (t.format ?? "plain") as SqlFormat;
        const dialect = t.dialect as SqlDialect;
        const plan = buildRunnerPlan(format, folder, dialect === "sqlite");
        return { caseName, label: `${caseName} (${t.out})`, dialect, migrations: plan.up };
      }),
  );
}

/** The rows the case's JSON output says the tables hold, in `TableDump`'s order. */
function readExpectedRows(caseName: string): {
  digest: string;
  dump: TableDump;
} {
  const file = path.join(GOLDEN_DIR, caseName, "expected", "permissions.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as JsonOutput;
  const idByKey = new Map(json.permissions.map((p) => [p.key, p.id]));
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    digest: json.schemaDigest,
    dump: {
      permissions: json.permissions
        .map(({ id, key, resource, action, description }) => ({
          id,
          key,
          resource,
          action,
          description,
        }))
        .sort((a, b) => a.id - b.id),
      roles: json.roles
        .map(({ name, description }) => ({ name, description }))
        .sort((a, b) => byText(a.name, b.name)),
      links: json.roles
        .flatMap((r) =>
          r.permissions.map((key) => ({
            role: r.name,
            permission_id: idByKey.get(key) ?? -1,
          })),
        )
        .sort((a, b) => byText(a.role, b.role) || a.permission_id - b.permission_id),
    },
  };
}

const chains = listSqlChains();

describe("golden SQL outputs", () => {
  it("every golden case has an SQL target with migrations", () => {
    const withSql = new Set(chains.filter((c) => c.migrations.length > 0).map((c) => c.caseName));
    expect(listCasesFor("sql").filter((c) => !withSql.has(c))).toEqual([]);
  });
});

for (const dialect of ["postgres", "sqlite"] as const) {
  const ofDialect = chains.filter((c) => c.dialect === dialect);
  if (ofDialect.length === 0) continue;
  describeGoldenChecker(
    `golden SQL migrations on ${dialect}`,
    (title, body) => describeForDialect(dialect, title, body),
    () => {
      let databases: DatabaseFactory | undefined;

      beforeAll(async () => {
        databases = await openDatabases(dialect);
      });

      afterAll(async () => {
        await databases?.close();
      });

      it.each(ofDialect.map((c) => [c.label, c] as const))(
        "%s: the chain applies and leaves the case's SCHEMA_DIGEST and the JSON output's rows",
        async (_label, chain) => {
          const caseName = chain.caseName;
          if (databases === undefined) throw new Error("no database factory");
          const database = await databases.create();
          for (const { sql, transaction } of chain.migrations) {
            // What the runner does around a file it runs in a transaction of its own.
            await database.apply(transaction ? `BEGIN;\n${sql}\nCOMMIT;\n` : sql);
          }
          const meta = await database.query(
            "SELECT value FROM permgen_meta WHERE key = 'schema_digest'",
          );
          expect(meta).toEqual([{ value: readCaseDigest(caseName) }]);
          const expected = readExpectedRows(caseName);
          expect(expected.digest).toBe(readCaseDigest(caseName));
          expect(await database.dump()).toEqual(expected.dump);
        },
      );
    },
  );
}
