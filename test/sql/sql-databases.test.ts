/**
 * The SQL target's migrations applied to real engines, SQLite (sqlite3 shell) and PostgreSQL
 * (PGlite): a fresh chain holds exactly the vocabulary and the model's schema digest, an in-place
 * upgrade equals a fresh chain of the new version, keys compare exactly, foreign keys hold, and
 * migrations written with `transaction: false` apply inside a migration tool's transaction.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { SqlDialect } from "../../src/targets/sql/sql-options.js";
import type { DatabaseFactory, TableDump, TestDatabase } from "./sql-engines.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import {
  buildSqlOptions,
  emitStep,
  listMigrations,
  loadSteps,
  SCHEMA_V1,
  SCHEMA_V2,
  toExisting,
} from "./sql-schemas.js";

/** v3 brings alert.close back: it must get its old id 2, not a new one. */
const SCHEMA_V3 = SCHEMA_V2.replace(
  "Action.Acknowledge,\n  ],",
  "Action.Acknowledge,\n    Action.Close,\n  ],",
);

/** v2 plus a resource without permissions: the digest changes, no table row does. */
const SCHEMA_V2_TEAM = SCHEMA_V2.replace(
  'User = "user",\n}',
  'User = "user",\n  Team = "team",\n}',
);

/** The rows schema v1 asks for, written out by hand (ids from a fresh lock, in schema order). */
const DUMP_V1: TableDump = {
  permissions: [
    {
      id: 0,
      key: "soc.alert.read",
      resource: "alert",
      action: "read",
      description: "Read an alert.",
    },
    {
      id: 1,
      key: "soc.alert.acknowledge",
      resource: "alert",
      action: "acknowledge",
      description: null,
    },
    { id: 2, key: "soc.alert.close", resource: "alert", action: "close", description: null },
    { id: 3, key: "soc.report.read", resource: "report", action: "read", description: null },
  ],
  roles: [
    { name: "auditor", description: null },
    { name: "rt_lead", description: "Red-team lead: everything." },
    { name: "soc_analyst", description: null },
  ],
  links: [
    { role: "auditor", permission_id: 3 },
    { role: "rt_lead", permission_id: 0 },
    { role: "rt_lead", permission_id: 1 },
    { role: "rt_lead", permission_id: 2 },
    { role: "rt_lead", permission_id: 3 },
    { role: "soc_analyst", permission_id: 0 },
    { role: "soc_analyst", permission_id: 1 },
  ],
};

/** The rows schema v2 asks for: alert.close gone (id 2 retired), user.manage new with id 4. */
const DUMP_V2: TableDump = {
  permissions: [
    {
      id: 0,
      key: "soc.alert.read",
      resource: "alert",
      action: "read",
      description: "Read an alert's details.",
    },
    {
      id: 1,
      key: "soc.alert.acknowledge",
      resource: "alert",
      action: "acknowledge",
      description: null,
    },
    { id: 3, key: "soc.report.read", resource: "report", action: "read", description: null },
    { id: 4, key: "soc.user.manage", resource: "user", action: "manage", description: null },
  ],
  roles: [
    { name: "reporter", description: "Reads reports." },
    {
      name: "rt_lead",
      description: "Red-team lead: everything, including permissions added later.",
    },
    { name: "soc_analyst", description: null },
  ],
  links: [
    { role: "reporter", permission_id: 0 },
    { role: "reporter", permission_id: 3 },
    { role: "rt_lead", permission_id: 0 },
    { role: "rt_lead", permission_id: 1 },
    { role: "rt_lead", permission_id: 3 },
    { role: "rt_lead", permission_id: 4 },
    { role: "soc_analyst", permission_id: 0 },
    { role: "soc_analyst", permission_id: 3 },
  ],
};

async function applyAll(db: TestDatabase, migrations: readonly { sql: string }[]): Promise<void> {
  for (const migration of migrations) await db.apply(migration.sql);
}

/** Applies each migration the way goose or sqlx do: inside a transaction of the tool's own. */
async function applyAllWrapped(
  db: TestDatabase,
  migrations: readonly { sql: string }[],
): Promise<void> {
  for (const migration of migrations) await db.apply(`BEGIN;\n${migration.sql}COMMIT;\n`);
}

/** The metadata table's rows. */
async function readMeta(db: TestDatabase): Promise<readonly Record<string, unknown>[]> {
  return db.query("SELECT key, value FROM permgen_meta ORDER BY key");
}

const digestRow = (digest: string): Record<string, unknown>[] => [
  { key: "schema_digest", value: digest },
];

for (const dialect of ["sqlite", "postgres"] as const satisfies readonly SqlDialect[]) {
  describeForDialect(dialect, `SQL migrations on ${dialect}`, () => {
    let databases: DatabaseFactory | undefined;
    const create = (): Promise<TestDatabase> => {
      if (databases === undefined) throw new Error("databases not opened");
      return databases.create();
    };
    const [v1, v2, v3] = loadSteps(SCHEMA_V1, SCHEMA_V2, SCHEMA_V3);
    const [, , team] = loadSteps(SCHEMA_V1, SCHEMA_V2, SCHEMA_V2_TEAM);
    if (v1 === undefined || v2 === undefined || v3 === undefined || team === undefined)
      throw new Error("schemas did not load");
    const options = buildSqlOptions(dialect);
    const filesV1 = emitStep(v1, options);
    const filesV2 = emitStep(v2, options, toExisting(filesV1));
    const filesV3 = emitStep(v3, options, toExisting(filesV2));

    beforeAll(async () => {
      databases = await openDatabases(dialect);
    });
    afterAll(async () => {
      await databases?.close();
    });

    test("a fresh chain of v1 holds exactly the vocabulary, with the lock's ids", async () => {
      const db = await create();
      await applyAll(db, listMigrations(filesV1));
      const dump = await db.dump();
      expect(dump).toEqual(DUMP_V1);
      expect(new Map(dump.permissions.map((p) => [p.key, p.id]))).toEqual(new Map(v1.lock.active));
      expect(await readMeta(db)).toEqual(digestRow(v1.model.digest));
    });

    test("applying only the new migration to a v1 database gives exactly a fresh chain of v2", async () => {
      const migrations = listMigrations(filesV2);
      expect(migrations.map((m) => m.name)).toEqual([
        "0001_create_permission_tables.sql",
        "0002_update_permissions.sql",
      ]);
      const upgraded = await create();
      await applyAll(upgraded, listMigrations(filesV1));
      await applyAll(upgraded, migrations.slice(1));
      const fresh = await create();
      await applyAll(fresh, migrations);
      expect(await upgraded.dump()).toEqual(DUMP_V2);
      expect(await fresh.dump()).toEqual(DUMP_V2);
      expect(await readMeta(upgraded)).toEqual(digestRow(v2.model.digest));
      expect(await readMeta(fresh)).toEqual(digestRow(v2.model.digest));
    });

    test("a change only the digest sees updates the digest row and no other row", async () => {
      const files = emitStep(team, options, toExisting(filesV2));
      const migrations = listMigrations(files);
      expect(migrations.map((m) => m.name).slice(2)).toEqual(["0003_update_schema_digest.sql"]);
      expect(team.model.digest).not.toBe(v2.model.digest);
      const upgraded = await create();
      await applyAll(upgraded, listMigrations(filesV2));
      await applyAll(upgraded, migrations.slice(2));
      const fresh = await create();
      await applyAll(fresh, migrations);
      for (const db of [upgraded, fresh]) {
        expect(await db.dump()).toEqual(DUMP_V2);
        expect(await readMeta(db)).toEqual(digestRow(team.model.digest));
      }
    });

    test("migrations written with transaction: false apply inside a tool's own transaction", async () => {
      const bare = buildSqlOptions(dialect, { transaction: false });
      const bareV1 = emitStep(v1, bare);
      const bareV2 = emitStep(v2, bare, toExisting(bareV1));
      const migrations = listMigrations(bareV2);
      for (const m of migrations) expect(m.sql).not.toMatch(/^(BEGIN|COMMIT);$/m);
      const upgraded = await create();
      await applyAllWrapped(upgraded, listMigrations(bareV1));
      expect(await upgraded.dump()).toEqual(DUMP_V1);
      expect(await readMeta(upgraded)).toEqual(digestRow(v1.model.digest));
      await applyAllWrapped(upgraded, migrations.slice(1));
      const fresh = await create();
      await applyAllWrapped(fresh, migrations);
      for (const db of [upgraded, fresh]) {
        expect(await db.dump()).toEqual(DUMP_V2);
        expect(await readMeta(db)).toEqual(digestRow(v2.model.digest));
      }
      // A statement that fails rolls back the tool's transaction, and with it the whole file.
      // (A duplicate, not a foreign key: inside a transaction SQLite ignores the file's pragma.)
      const [first] = migrations;
      if (first === undefined) throw new Error("no migration");
      const broken = `${first.sql}\nINSERT INTO permgen_role (name) VALUES ('rt_lead');\n`;
      const db = await create();
      await expect(db.apply(`BEGIN;\n${broken}COMMIT;\n`)).rejects.toThrow(/unique|duplicate/i);
      await expect(db.query("SELECT id FROM permgen_permission")).rejects.toThrow(
        /permgen_permission/,
      );
    });

    test("a key that comes back gets its old id back, in place and fresh alike", async () => {
      const migrations = listMigrations(filesV3);
      expect(migrations.map((m) => m.name).at(-1)).toBe("0003_add_soc_alert_close.sql");
      const upgraded = await create();
      await applyAll(upgraded, listMigrations(filesV2));
      await applyAll(upgraded, migrations.slice(2));
      const fresh = await create();
      await applyAll(fresh, migrations);
      const dump = await upgraded.dump();
      expect(dump).toEqual(await fresh.dump());
      expect(dump.permissions.find((p) => p.key === "soc.alert.close")?.id).toBe(2);
      expect(dump.links).toContainEqual({ role: "rt_lead", permission_id: 2 });
    });

    test("keys compare exactly: case matters, and an exact duplicate is refused", async () => {
      const db = await create();
      await applyAll(db, listMigrations(filesV1));
      await db.run(
        "INSERT INTO permgen_permission (id, key, resource, action) VALUES (100, 'SOC.alert.read', 'alert', 'read')",
      );
      const found = await db.query(
        "SELECT id FROM permgen_permission WHERE key = 'soc.ALERT.read'",
      );
      expect(found).toEqual([]);
      await expect(
        db.run(
          "INSERT INTO permgen_permission (id, key, resource, action) VALUES (101, 'soc.alert.read', 'alert', 'read')",
        ),
      ).rejects.toThrow(/unique/i);
      await expect(db.run("INSERT INTO permgen_role (name) VALUES ('rt_lead')")).rejects.toThrow(
        /unique|duplicate/i,
      );
      await db.run("INSERT INTO permgen_role (name) VALUES ('RT_LEAD')");
      // Byte order, not a locale's: upper case sorts first.
      const ordered = await db.query(
        "SELECT key FROM permgen_permission WHERE key LIKE '%alert.read' ORDER BY key",
      );
      expect(ordered).toEqual([{ key: "SOC.alert.read" }, { key: "soc.alert.read" }]);
      if (dialect === "postgres") {
        const collation = await db.query(
          "SELECT collation_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'permgen_permission' AND column_name = 'key'",
        );
        expect(collation).toEqual([{ collation_name: "C" }]);
      }
    });

    test("foreign keys hold: no link to a missing row, no row deleted while linked", async () => {
      const db = await create();
      await applyAll(db, listMigrations(filesV1));
      await expect(
        db.run("INSERT INTO permgen_role_permission (role, permission_id) VALUES ('rt_lead', 99)"),
      ).rejects.toThrow(/foreign key/i);
      await expect(
        db.run("INSERT INTO permgen_role_permission (role, permission_id) VALUES ('nobody', 0)"),
      ).rejects.toThrow(/foreign key/i);
      await expect(db.run("DELETE FROM permgen_permission WHERE id = 0")).rejects.toThrow(
        /foreign key/i,
      );
      await expect(db.run("DELETE FROM permgen_role WHERE name = 'soc_analyst'")).rejects.toThrow(
        /foreign key/i,
      );
      expect(await db.dump()).toEqual(DUMP_V1);
    });

    test("a failing migration changes nothing: it runs in one transaction", async () => {
      const db = await create();
      const [first] = listMigrations(filesV1);
      if (first === undefined) throw new Error("no migration");
      // The last insert of the migration hits a missing permission, after everything else ran.
      const broken = first.sql.replace(
        /\nCOMMIT;\n$/,
        "\nINSERT INTO permgen_role_permission (role, permission_id) VALUES ('rt_lead', 99);\n\nCOMMIT;\n",
      );
      expect(broken).not.toBe(first.sql);
      await expect(db.apply(broken)).rejects.toThrow(/foreign key/i);
      await expect(db.query("SELECT id FROM permgen_permission")).rejects.toThrow(
        /permgen_permission/,
      );
    });
  });
}
