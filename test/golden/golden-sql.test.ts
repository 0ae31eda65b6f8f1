// checklist: sql checker
/**
 * Every golden SQL target's migrations (`test/golden/<case>/expected/sql/*.sql`, in file-name
 * order) apply cleanly to a fresh database of the target's dialect — PostgreSQL through PGlite,
 * SQLite through the sqlite3 shell — and leave the case's SCHEMA_DIGEST in the metadata table
 * and exactly the rows the case's JSON output lists in the three tables.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
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
  readonly dialect: SqlDialect;
  /** The migrations, absolute paths in file-name (= application) order. */
  readonly migrations: readonly string[];
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
      .filter((t) => t.language === "sql")
      .map((t) => ({
        caseName,
        dialect: t.dialect as SqlDialect,
        migrations: listFiles(path.resolve(GOLDEN_DIR, caseName, t.out)).filter((f) =>
          f.endsWith(".sql"),
        ),
      })),
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

      it.each(ofDialect.map((c) => [c.caseName, c] as const))(
        "%s: the chain applies and leaves the case's SCHEMA_DIGEST and the JSON output's rows",
        async (caseName, chain) => {
          if (databases === undefined) throw new Error("no database factory");
          const database = await databases.create();
          for (const migration of chain.migrations) {
            await database.apply(readFileSync(migration, "utf8"));
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
