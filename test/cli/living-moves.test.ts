/**
 * Issue 10 items 4–6, through the built CLI in real git repositories: a moved schema file costs
 * one `generate` (applied migrations stay byte for byte, each with the header it was written
 * with), two configs whose schema files have the same name share an output folder without
 * claiming each other's files, files written by the older header form (relative to the config
 * folder) are taken over without --force, and a migration that is not committed yet is folded
 * into the next change instead of being followed by another — outside git, history only
 * appends.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseFactory } from "../sql/sql-engines.js";
import { openDatabases } from "../sql/sql-engines.js";
import { commitAll, ensureBuilt, makeRepo, runCli } from "./run-cli.js";

/** A schema with `pairs` as its permissions and `roles` as its roles (already written as TS). */
function buildSchema(pairs: string, roles = ""): string {
  return `export enum Resource {
  Alert = "alert",
  Report = "report",
}
export enum Action {
  Read = "read",
  Close = "close",
}
export const permissions = {
${pairs}
} as const;
${roles === "" ? "" : `export const roles = {\n${roles}\n} as const;\n`}`;
}

const V1 = buildSchema(`  [Resource.Alert]: [Action.Read],`, `  viewer: ["alert.read"],`);
const V2 = buildSchema(
  `  [Resource.Alert]: [Action.Read, Action.Close],`,
  `  viewer: ["alert.read"],`,
);
const V3 = buildSchema(
  `  [Resource.Alert]: [Action.Read, Action.Close],\n  [Resource.Report]: [Action.Read],`,
  `  viewer: ["alert.read", "report.read"],`,
);

const TARGETS = [
  { language: "typescript", out: "gen/permissions.ts" },
  { language: "python", out: "gen/permissions.py" },
  { language: "go", out: "gen/permissions.go", package: "perm" },
  { language: "json", out: "gen/permissions.json" },
  { language: "markdown", out: "gen/PERMISSIONS.md" },
  { language: "sql", dialect: "postgres", out: "db/migrations" },
];

const dirs: string[] = [];
let databases: DatabaseFactory | undefined;
beforeAll(async () => {
  ensureBuilt();
  databases = await openDatabases("postgres");
});
afterAll(async () => {
  await databases?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function newRepo(): string {
  const dir = makeRepo();
  dirs.push(dir);
  return dir;
}

function write(dir: string, rel: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}

function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), "utf8");
}

function writeConfig(dir: string, rel: string, config: object): void {
  write(dir, rel, `${JSON.stringify(config, null, 2)}\n`);
}

/** Runs the CLI and expects exit `code`; returns stdout. */
function run(args: readonly string[], cwd: string, code = 0): string {
  const result = runCli(args, cwd);
  expect(result.stderr, `permgen ${args.join(" ")} in ${cwd}`).toBe(code === 0 ? "" : result.stderr);
  expect(result.code, `permgen ${args.join(" ")}: ${result.stdout}${result.stderr}`).toBe(code);
  return result.stdout;
}

/** The status lines of `generate`'s listing (without the summary line). */
function listing(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line !== "" && !line.startsWith("permgen: "));
}

/** The migration files of a folder, in name order. */
function migrations(dir: string, rel = "db/migrations"): string[] {
  return fs
    .readdirSync(path.join(dir, rel))
    .filter((name) => name.endsWith(".sql"))
    .sort();
}

/** The text of each migration of a folder, by name. */
function readMigrations(dir: string, rel = "db/migrations"): Record<string, string> {
  return Object.fromEntries(migrations(dir, rel).map((name) => [name, read(dir, `${rel}/${name}`)]));
}

/** Applies a folder's migrations in name order to a fresh Postgres and returns its rows. */
async function applyChain(dir: string, rel = "db/migrations") {
  if (databases === undefined) throw new Error("databases not opened");
  const db = await databases.create();
  for (const name of migrations(dir, rel)) await db.apply(read(dir, `${rel}/${name}`));
  return db.dump();
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, encoding: "utf8" });
}

describe("a moved schema file", () => {
  it("costs one generate without --force: code headers follow, applied migrations stay byte for byte, check is green", async () => {
    const dir = newRepo();
    write(dir, "schema/permissions.ts", V1);
    writeConfig(dir, "permgen.config.json", { targets: TARGETS });
    run(["generate"], dir);
    commitAll(dir, "v1");
    write(dir, "schema/permissions.ts", V2);
    run(["generate"], dir);
    commitAll(dir, "v2");
    const applied = readMigrations(dir);
    expect(Object.keys(applied)).toEqual([
      "0001_create_permission_tables.sql",
      "0002_add_alert_close.sql",
    ]);

    git(dir, "mv", "schema", "vocabulary");
    writeConfig(dir, "permgen.config.json", { schema: "vocabulary/permissions.ts", targets: TARGETS });
    const refusedBefore = runCli(["check"], dir);
    expect(refusedBefore.code, refusedBefore.stdout + refusedBefore.stderr).toBe(1);
    const moved = listing(run(["generate"], dir));
    expect(moved).toEqual([
      "written    gen/permissions.ts",
      "written    gen/permissions.py",
      "written    gen/permissions.go",
      "written    gen/permissions.json",
      "written    gen/PERMISSIONS.md",
      "unchanged  db/migrations/0001_create_permission_tables.sql",
      "unchanged  db/migrations/0002_add_alert_close.sql",
      "written    db/migrations/permgen-migrations.json",
      "written    permgen.lock.json",
    ]);
    expect(read(dir, "gen/permissions.ts").split("\n")[0]).toBe(
      "// Code generated by permgen from vocabulary/permissions.ts. DO NOT EDIT.",
    );
    expect(readMigrations(dir)).toEqual(applied);
    expect(JSON.parse(read(dir, "permgen.lock.json")).schema).toBe("vocabulary/permissions.ts");
    run(["check"], dir);

    // The next change is a new migration with the new header; the old ones stay as written.
    write(dir, "vocabulary/permissions.ts", V3);
    run(["generate"], dir);
    const after = readMigrations(dir);
    expect(Object.keys(after)).toEqual([...Object.keys(applied), "0003_add_report_read.sql"]);
    for (const [name, text] of Object.entries(applied)) expect(after[name], name).toBe(text);
    expect(after["0003_add_report_read.sql"]?.split("\n")[0]).toBe(
      "-- Code generated by permgen from vocabulary/permissions.ts. DO NOT EDIT.",
    );
    run(["check"], dir);
    const rows = await applyChain(dir);
    expect(rows.permissions.map((p) => `${p.id} ${p.key}`)).toEqual([
      "0 alert.read",
      "1 alert.close",
      "2 report.read",
    ]);
  });

  it("moving the whole project folder inside the repository keeps every id and every migration", () => {
    const dir = newRepo();
    write(dir, "app/schema/permissions.ts", V2);
    writeConfig(dir, "app/permgen.config.json", { targets: TARGETS });
    run(["generate"], path.join(dir, "app"));
    commitAll(dir, "v2");
    const lock = JSON.parse(read(dir, "app/permgen.lock.json"));
    const applied = readMigrations(dir, "app/db/migrations");

    git(dir, "mv", "app", "backend");
    run(["generate"], path.join(dir, "backend"));
    run(["check"], path.join(dir, "backend"));
    expect(read(dir, "backend/gen/permissions.py").split("\n")[0]).toBe(
      "# Code generated by permgen from backend/schema/permissions.ts. DO NOT EDIT.",
    );
    expect(readMigrations(dir, "backend/db/migrations")).toEqual(applied);
    const moved = JSON.parse(read(dir, "backend/permgen.lock.json"));
    expect(moved.permissions).toEqual(lock.permissions);
    expect(moved.schema).toBe("backend/schema/permissions.ts");
  });
});

describe("several configs in one repository", () => {
  it("two configs whose schema files have the same name share an output folder; both check green", () => {
    const dir = newRepo();
    write(dir, "billing/schema/permissions.ts", V1);
    write(dir, "audit/schema/permissions.ts", V3);
    const targets = (name: string) => [
      { language: "typescript", out: `../shared/${name}.ts` },
      { language: "markdown", out: `../shared/${name}.md` },
    ];
    writeConfig(dir, "billing/permgen.config.json", { targets: targets("billing") });
    writeConfig(dir, "audit/permgen.config.json", { targets: targets("audit") });
    run(["generate"], path.join(dir, "billing"));
    run(["generate"], path.join(dir, "audit"));
    // A second round: neither deletes or rewrites the other's files.
    for (const config of ["billing", "audit"]) {
      const again = listing(run(["generate"], path.join(dir, config)));
      expect(again.every((line) => line.startsWith("unchanged")), again.join("\n")).toBe(true);
    }
    run(["check"], path.join(dir, "billing"));
    run(["check", "--config", "audit/permgen.config.json"], dir);
    expect(fs.readdirSync(path.join(dir, "shared")).sort()).toEqual([
      "audit.md",
      "audit.ts",
      "billing.md",
      "billing.ts",
    ]);
    expect(read(dir, "shared/billing.ts").split("\n")[0]).toBe(
      "// Code generated by permgen from billing/schema/permissions.ts. DO NOT EDIT.",
    );

    // A target dropped from one config deletes that config's file only.
    writeConfig(dir, "billing/permgen.config.json", { targets: targets("billing").slice(0, 1) });
    const dropped = listing(run(["generate"], path.join(dir, "billing")));
    expect(dropped).toContain("deleted    ../shared/billing.md");
    expect(fs.readdirSync(path.join(dir, "shared")).sort()).toEqual([
      "audit.md",
      "audit.ts",
      "billing.ts",
    ]);
    run(["check"], path.join(dir, "audit"));

    // Pointing one config at the other's file is refused, not a silent takeover.
    writeConfig(dir, "billing/permgen.config.json", {
      targets: [{ language: "typescript", out: "../shared/audit.ts" }],
    });
    const taken = runCli(["generate"], path.join(dir, "billing"));
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(
      'was generated by permgen from "audit/schema/permissions.ts", not from "billing/schema/permissions.ts"',
    );
  });

  it("files in the older header form (relative to the config folder) are taken over without --force", () => {
    const dir = newRepo();
    write(dir, "backend/schema/permissions.ts", V2);
    writeConfig(dir, "backend/permgen.config.json", { targets: TARGETS });
    const backend = path.join(dir, "backend");
    run(["generate"], backend);
    // What an older permgen wrote: headers relative to the config folder, no schema in the lock.
    const outputs = [
      "gen/permissions.ts",
      "gen/permissions.py",
      "gen/permissions.go",
      "gen/permissions.json",
      "gen/PERMISSIONS.md",
      "db/migrations/0001_create_permission_tables.sql",
      "db/migrations/permgen-migrations.json",
    ];
    for (const rel of outputs) {
      const text = read(backend, rel);
      write(backend, rel, text.replaceAll("backend/schema/permissions.ts", "schema/permissions.ts"));
    }
    const lock = read(backend, "permgen.lock.json");
    write(backend, "permgen.lock.json", lock.replace('  "schema": "backend/schema/permissions.ts",\n', ""));
    commitAll(dir, "made by an older permgen");
    const oldMigration = read(backend, "db/migrations/0001_create_permission_tables.sql");
    expect(oldMigration.split("\n")[0]).toBe(
      "-- Code generated by permgen from schema/permissions.ts. DO NOT EDIT.",
    );

    const upgraded = listing(run(["generate"], backend));
    expect(upgraded).toContain("written    gen/permissions.ts");
    expect(upgraded).toContain("unchanged  db/migrations/0001_create_permission_tables.sql");
    expect(read(backend, "db/migrations/0001_create_permission_tables.sql")).toBe(oldMigration);
    expect(read(backend, "gen/permissions.go").split("\n")[0]).toBe(
      "// Code generated by permgen from backend/schema/permissions.ts. DO NOT EDIT.",
    );
    run(["check"], backend);
  });
});

describe("iterating before a commit", () => {
  it("generate, edit, generate before a commit gives one migration; after a commit, a new one", async () => {
    const dir = newRepo();
    write(dir, "schema/permissions.ts", V1);
    writeConfig(dir, "permgen.config.json", { targets: TARGETS.slice(-1) });
    run(["generate"], dir);
    commitAll(dir, "v1");

    write(dir, "schema/permissions.ts", V2);
    expect(listing(run(["generate"], dir))).toContain("written    db/migrations/0002_add_alert_close.sql");
    // Staged is not committed: still folded.
    git(dir, "add", "-A");
    write(dir, "schema/permissions.ts", V3);
    const folded = listing(run(["generate"], dir));
    expect(folded).toEqual([
      "unchanged  db/migrations/0001_create_permission_tables.sql",
      "rewritten  db/migrations/0002_add_2_permissions.sql (not committed yet)",
      "written    db/migrations/permgen-migrations.json",
      "written    permgen.lock.json",
      "deleted    db/migrations/0002_add_alert_close.sql",
    ]);
    expect(migrations(dir)).toEqual([
      "0001_create_permission_tables.sql",
      "0002_add_2_permissions.sql",
    ]);
    run(["check"], dir);
    const rows = await applyChain(dir);
    expect(rows.permissions.map((p) => `${p.id} ${p.key}`)).toEqual([
      "0 alert.read",
      "1 alert.close",
      "2 report.read",
    ]);
    expect(rows.links).toEqual([
      { role: "viewer", permission_id: 0 },
      { role: "viewer", permission_id: 2 },
    ]);

    // Undone before a commit: nothing is left to migrate, and the ids stay taken.
    write(dir, "schema/permissions.ts", V1);
    const undone = listing(run(["generate"], dir));
    expect(undone).toContain("deleted    db/migrations/0002_add_2_permissions.sql");
    expect(migrations(dir)).toEqual(["0001_create_permission_tables.sql"]);
    expect(JSON.parse(read(dir, "permgen.lock.json")).retired).toEqual({
      "alert.close": 1,
      "report.read": 2,
    });
    run(["check"], dir);

    // After a commit, the next change is a new migration.
    write(dir, "schema/permissions.ts", V2);
    run(["generate"], dir);
    commitAll(dir, "v2");
    write(dir, "schema/permissions.ts", V3);
    const appended = listing(run(["generate"], dir));
    expect(appended).toContain("written    db/migrations/0003_add_report_read.sql");
    expect(migrations(dir)).toEqual([
      "0001_create_permission_tables.sql",
      "0002_add_alert_close.sql",
      "0003_add_report_read.sql",
    ]);
    run(["check"], dir);
    const chain = await applyChain(dir);
    expect(chain.permissions.map((p) => `${p.id} ${p.key}`)).toEqual([
      "0 alert.read",
      "1 alert.close",
      "2 report.read",
    ]);
  });

  it("a database at the committed state applies the folded migration cleanly", async () => {
    const dir = newRepo();
    write(dir, "schema/permissions.ts", V1);
    writeConfig(dir, "permgen.config.json", { targets: TARGETS.slice(-1) });
    run(["generate"], dir);
    commitAll(dir, "v1");
    if (databases === undefined) throw new Error("databases not opened");
    const db = await databases.create();
    await db.apply(read(dir, "db/migrations/0001_create_permission_tables.sql"));
    // The app's own table references a permission id and a role: it must survive the chain.
    await db.run(
      "CREATE TABLE app_grant (role text REFERENCES permgen_role(name), permission_id integer REFERENCES permgen_permission(id))",
    );
    await db.run("INSERT INTO app_grant VALUES ('viewer', 0)");

    write(dir, "schema/permissions.ts", V2);
    run(["generate"], dir);
    write(dir, "schema/permissions.ts", V3);
    run(["generate"], dir);
    expect(migrations(dir)).toEqual([
      "0001_create_permission_tables.sql",
      "0002_add_2_permissions.sql",
    ]);
    await db.apply(read(dir, "db/migrations/0002_add_2_permissions.sql"));
    const rows = await db.dump();
    expect(rows.permissions.map((p) => `${p.id} ${p.key}`)).toEqual([
      "0 alert.read",
      "1 alert.close",
      "2 report.read",
    ]);
    expect(await db.query("SELECT role, permission_id FROM app_grant")).toEqual([
      { role: "viewer", permission_id: 0 },
    ]);
  });

  it("outside git, history only appends", () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "permgen-nogit-")));
    dirs.push(dir);
    write(dir, "schema/permissions.ts", V1);
    writeConfig(dir, "permgen.config.json", { targets: TARGETS.slice(-1) });
    run(["generate"], dir);
    write(dir, "schema/permissions.ts", V2);
    run(["generate"], dir);
    write(dir, "schema/permissions.ts", V3);
    const appended = listing(run(["generate"], dir));
    expect(appended.some((line) => line.includes("not committed yet"))).toBe(false);
    expect(migrations(dir)).toEqual([
      "0001_create_permission_tables.sql",
      "0002_add_alert_close.sql",
      "0003_add_report_read.sql",
    ]);
    run(["check"], dir);
  });
});
