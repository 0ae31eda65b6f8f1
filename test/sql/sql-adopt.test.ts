/**
 * Adopting existing tables, as seed 001's team would: a database with its own `permission`,
 * `"group"` and `group_permission` tables (other column names, its own ids, a row and a link
 * the schema does not have), the ids exported with one SELECT and seeded with
 * `permgen lock --import`, then `generate` with `adopt: true` and the tables' column names, run
 * through the built CLI in a real git repository. On SQLite and PGlite: the first migration
 * keeps every id and row, makes the schema's roles hold exactly their grants, writes the
 * digest; the next schema's migration (an added permission) applies on top; a row whose id
 * disagrees with the lock makes the migration fail with a readable SQL error, writing nothing;
 * and (dbmate format) up → down → up leaves the tables as they were.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { commitAll, ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import type { DatabaseFactory, TestDatabase } from "./sql-engines.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import { buildRunnerPlan } from "./sql-runners.js";
import { SCHEMA_V1, SCHEMA_V2 } from "./sql-schemas.js";
import { buildSeedSql, CONFIG } from "./seed-001-tables.js";

function readFolder(dir: string): Map<string, string> {
  const out = path.join(dir, "db", "permissions");
  return new Map(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8")]));
}

async function snapshot(db: TestDatabase): Promise<unknown> {
  return {
    permissions: await db.query(
      "SELECT id, codename, resource, action, description FROM permission ORDER BY id",
    ),
    groups: await db.query('SELECT name, description FROM "group" ORDER BY name'),
    links: await db.query(
      "SELECT group_name, permission_id FROM group_permission ORDER BY group_name, permission_id",
    ),
    digest: await db.query("SELECT key, value FROM permgen_meta"),
  };
}

beforeAll(() => ensureBuilt());

for (const dialect of ["sqlite", "postgres"] as const) {
  describeForDialect(dialect, `adopting seed-001-shaped tables on ${dialect}`, () => {
    let databases: DatabaseFactory | undefined;
    beforeAll(async () => {
      databases = await openDatabases(dialect);
    });
    afterAll(async () => {
      await databases?.close();
    });
    const create = async (): Promise<TestDatabase> => {
      if (databases === undefined) throw new Error("no databases");
      const db = await databases.create();
      await db.apply(buildSeedSql());
      return db;
    };

    test("lock --import keeps the table's ids; the adopting migration keeps rows, fixes grants, then an added permission migrates", async () => {
      const db = await create();
      const repo = makeRepo();
      mkdirSync(path.join(repo, "schema"));
      writeFileSync(path.join(repo, "schema", "permissions.ts"), SCHEMA_V1);
      writeFileSync(path.join(repo, "permgen.config.json"), CONFIG(dialect, "plain"));
      // The export a team runs: one SELECT, as CSV with a header.
      const rows = await db.query("SELECT codename AS key, id FROM permission WHERE codename LIKE 'soc.alert.%' OR codename LIKE 'soc.report.%' ORDER BY id");
      const csv = ["key,id", ...rows.map((r) => `${String(r["key"])},${String(r["id"])}`)].join("\n");
      writeFileSync(path.join(repo, "ids.csv"), `${csv}\n`);
      expect(runCli(["lock", "--import", "ids.csv"], repo).code).toBe(0);
      const generated = runCli(["generate"], repo);
      expect(generated.stderr).toBe("");
      expect(generated.code).toBe(0);
      commitAll(repo);
      const v1 = readFolder(repo);
      expect(v1.get("0001_create_permission_tables.sql")).toContain("CREATE TABLE IF NOT EXISTS");
      for (const script of buildRunnerPlan("plain", v1, dialect === "sqlite").up) {
        await db.apply(script.sql);
      }
      const adopted = (await snapshot(db)) as { permissions: unknown[]; links: unknown[] };
      expect(adopted.permissions).toEqual([
        { id: 10, codename: "soc.alert.read", resource: "alert", action: "read", description: "Read an alert." },
        { id: 11, codename: "soc.alert.acknowledge", resource: "alert", action: "acknowledge", description: null },
        { id: 12, codename: "soc.alert.close", resource: "alert", action: "close", description: null },
        { id: 13, codename: "soc.report.read", resource: "report", action: "read", description: null },
        { id: 40, codename: "soc.legacy.export", resource: "legacy", action: "export", description: null },
      ]);
      expect(adopted.links).toEqual([
        { group_name: "auditor", permission_id: 13 },
        { group_name: "rt_lead", permission_id: 10 },
        { group_name: "rt_lead", permission_id: 11 },
        { group_name: "rt_lead", permission_id: 12 },
        { group_name: "rt_lead", permission_id: 13 },
        { group_name: "soc_analyst", permission_id: 10 },
        { group_name: "soc_analyst", permission_id: 11 },
      ]);

      // v2 adds soc.user.manage: a new id after the imported ones, migrated on top.
      writeFileSync(path.join(repo, "schema", "permissions.ts"), SCHEMA_V2);
      expect(runCli(["generate"], repo).code).toBe(0);
      const v2 = readFolder(repo);
      const next = buildRunnerPlan("plain", v2, dialect === "sqlite").up.filter((s) => !v1.has(s.file));
      expect(next.map((s) => s.file)).toHaveLength(1);
      for (const script of next) await db.apply(script.sql);
      const after = (await snapshot(db)) as { permissions: { id: number; codename: string }[] };
      expect(after.permissions.map((p) => [p.id, p.codename])).toEqual([
        [10, "soc.alert.read"],
        [11, "soc.alert.acknowledge"],
        [13, "soc.report.read"],
        [14, "soc.user.manage"],
        [40, "soc.legacy.export"],
      ]);
    });

    test("a row whose id disagrees with the lock fails the migration with a readable error and changes nothing", async () => {
      const db = await create();
      const repo = makeRepo();
      mkdirSync(path.join(repo, "schema"));
      writeFileSync(path.join(repo, "schema", "permissions.ts"), SCHEMA_V1);
      writeFileSync(path.join(repo, "permgen.config.json"), CONFIG(dialect, "plain"));
      // No import: the lock numbers the keys 0…3, the table holds them as 10…13.
      expect(runCli(["generate"], repo).code).toBe(0);
      const [first] = buildRunnerPlan("plain", readFolder(repo), dialect === "sqlite").up;
      if (first === undefined) throw new Error("no migration");
      await expect(db.apply(first.sql)).rejects.toThrow(
        dialect === "postgres"
          ? /permgen adopt: the row soc\.alert\.read \(id 10\) of permission disagrees with permgen\.lock\.json, which gives soc\.alert\.read the id 0/
          : /CHECK constraint failed: permgen adopt: a row of permission has an id or key that disagrees with permgen\.lock\.json/,
      );
      const rows = await db.query("SELECT id, codename FROM permission ORDER BY id");
      expect(rows.map((r) => r["id"])).toEqual([10, 11, 12, 13, 40]);
      // The migration's transaction rolled back: not even the metadata table was created.
      await expect(db.query("SELECT * FROM permgen_meta")).rejects.toThrow();
    });

    test("dbmate format: up → down → up leaves the adopted tables as they were", async () => {
      const db = await create();
      const repo = makeRepo();
      mkdirSync(path.join(repo, "schema"));
      writeFileSync(path.join(repo, "schema", "permissions.ts"), SCHEMA_V1);
      writeFileSync(path.join(repo, "permgen.config.json"), CONFIG(dialect, "dbmate"));
      writeFileSync(path.join(repo, "ids.csv"), "key,id\nsoc.alert.read,10\nsoc.alert.acknowledge,11\nsoc.alert.close,12\nsoc.report.read,13\n");
      expect(runCli(["lock", "--import", "ids.csv"], repo).code).toBe(0);
      expect(runCli(["generate"], repo).code).toBe(0);
      const plan = buildRunnerPlan("dbmate", readFolder(repo), dialect === "sqlite");
      const run = async (sql: string): Promise<void> => db.apply(`BEGIN;\n${sql}\nCOMMIT;\n`);
      for (const s of plan.up) await run(s.sql);
      const up = await snapshot(db);
      for (const s of plan.down) await run(s.sql);
      const down = (await snapshot(db)) as { digest: unknown[]; permissions: unknown[] };
      expect(down.digest).toEqual([]);
      expect(down.permissions).toEqual((up as { permissions: unknown[] }).permissions);
      for (const s of plan.up) await run(s.sql);
      expect(await snapshot(db)).toEqual(up);
    });
  });
}
