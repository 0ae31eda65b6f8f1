/**
 * The SQL target through the whole pipeline (`generate()` / `check()` on a temp repository):
 * one migration per change, none when nothing changed, historical migrations reported as drift
 * when edited or deleted and restored byte for byte, a deleted manifest refused.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { check, generate } from "../../src/index.js";
import type { DatabaseFactory } from "./sql-engines.js";
import { describeForDialect, openDatabases } from "./sql-engines.js";
import { SCHEMA_V1, SCHEMA_V2 } from "./sql-schemas.js";
import { commitAll } from "../cli/run-cli.js";

describeForDialect("sqlite", "the SQL target in generate and check", () => {
  let dir = "";
  let databases: DatabaseFactory | undefined;
  const folder = (): string => path.join(dir, "db", "permissions");
  const read = (name: string): string => readFileSync(path.join(folder(), name), "utf8");
  const listFolder = (): string[] => readdirSync(folder()).sort();
  const statusOf = (changes: readonly { path: string; status: string }[]): string[] =>
    changes.map((c) => `${c.status} ${path.relative(dir, c.path).split(path.sep).join("/")}`);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "permgen-sql-pipeline-"));
    spawnSync("git", ["init", "-q"], { cwd: dir });
    mkdirSync(path.join(dir, "schema"));
    writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA_V1);
    writeFileSync(
      path.join(dir, "permgen.config.json"),
      JSON.stringify({ targets: [{ language: "sql", dialect: "sqlite", out: "db/permissions" }] }),
    );
    databases = await openDatabases("sqlite");
  });

  afterAll(async () => {
    await databases?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  test("generate writes the first migration and the manifest; a second run changes nothing", async () => {
    const first = await generate({ cwd: dir });
    expect(first.ok && statusOf(first.changes)).toEqual([
      "written db/permissions/0001_create_permission_tables.sql",
      "written db/permissions/permgen-migrations.json",
      "written permgen.lock.json",
    ]);
    const second = await generate({ cwd: dir });
    expect(second.ok && statusOf(second.changes)).toEqual([
      "unchanged db/permissions/0001_create_permission_tables.sql",
      "unchanged db/permissions/permgen-migrations.json",
      "unchanged permgen.lock.json",
    ]);
    expect(listFolder()).toEqual(["0001_create_permission_tables.sql", "permgen-migrations.json"]);
    // Committed: the next change follows it (an uncommitted migration would be folded).
    commitAll(dir, "v1");
  });

  test("a changed vocabulary adds exactly one migration, and the folder applies in name order", async () => {
    writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA_V2);
    const generated = await generate({ cwd: dir });
    expect(generated.ok && statusOf(generated.changes)).toEqual([
      "unchanged db/permissions/0001_create_permission_tables.sql",
      "written db/permissions/0002_update_permissions.sql",
      "written db/permissions/permgen-migrations.json",
      "written permgen.lock.json",
    ]);
    const again = await generate({ cwd: dir });
    expect(again.ok && again.changes.every((c) => c.status === "unchanged")).toBe(true);
    const checked = await check({ cwd: dir });
    expect(checked.ok && checked.drift).toEqual([]);

    if (databases === undefined) throw new Error("databases not opened");
    const db = await databases.create();
    for (const name of listFolder().filter((n) => n.endsWith(".sql"))) await db.apply(read(name));
    const dump = await db.dump();
    expect(dump.permissions.map((p) => `${p.id} ${p.key}`)).toEqual([
      "0 soc.alert.read",
      "1 soc.alert.acknowledge",
      "3 soc.report.read",
      "4 soc.user.manage",
    ]);
    expect(dump.roles.map((r) => r.name)).toEqual(["reporter", "rt_lead", "soc_analyst"]);
  });

  test("check reports an edited migration as modified and a deleted one as missing; generate restores both", async () => {
    const original1 = read("0001_create_permission_tables.sql");
    const original2 = read("0002_update_permissions.sql");
    writeFileSync(
      path.join(folder(), "0001_create_permission_tables.sql"),
      original1.replace("VALUES (3, 'soc.report.read'", "VALUES (3, 'soc.report.readall'"),
    );
    rmSync(path.join(folder(), "0002_update_permissions.sql"));

    const checked = await check({ cwd: dir });
    if (!checked.ok) throw new Error("check failed");
    expect(checked.drift.map((d) => `${d.kind} ${path.basename(d.path)}`)).toEqual([
      "modified 0001_create_permission_tables.sql",
      "missing 0002_update_permissions.sql",
    ]);
    const diff = checked.drift[0]?.diff ?? "";
    expect(diff.split("\n").filter((l) => /^[-+][^-+]/.test(l))).toEqual([
      "-INSERT INTO \"permgen_permission\" (id, key, resource, action, description) VALUES (3, 'soc.report.readall', 'report', 'read', NULL);",
      "+INSERT INTO \"permgen_permission\" (id, key, resource, action, description) VALUES (3, 'soc.report.read', 'report', 'read', NULL);",
    ]);

    const generated = await generate({ cwd: dir });
    expect(generated.ok && statusOf(generated.changes)).toEqual([
      "written db/permissions/0001_create_permission_tables.sql",
      "written db/permissions/0002_update_permissions.sql",
      "unchanged db/permissions/permgen-migrations.json",
      "unchanged permgen.lock.json",
    ]);
    expect(read("0001_create_permission_tables.sql")).toBe(original1);
    expect(read("0002_update_permissions.sql")).toBe(original2);
  });

  test("a deleted manifest stops generate and check (exit 2) and nothing is written", async () => {
    const manifest = read("permgen-migrations.json");
    rmSync(path.join(folder(), "permgen-migrations.json"));
    writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA_V1);
    const generated = await generate({ cwd: dir });
    expect(
      generated.ok ? [] : generated.diagnostics.map((d) => `${d.code} ${path.basename(d.file)}`),
    ).toEqual(["PG0604 permgen-migrations.json"]);
    const checked = await check({ cwd: dir });
    expect(checked.ok).toBe(false);
    expect(listFolder()).toEqual([
      "0001_create_permission_tables.sql",
      "0002_update_permissions.sql",
    ]);
    writeFileSync(path.join(folder(), "permgen-migrations.json"), manifest);
    writeFileSync(path.join(dir, "schema", "permissions.ts"), SCHEMA_V2);
  });
});
