/**
 * `@renamedFrom` end to end, through the built CLI in a real git repository (CONTRACT §8): a
 * resource, an action, a pair, a role and the namespace are renamed at once, then a resource
 * again (a chain), then every tag is dropped. Ids never move; the SQL migrations rename rows in
 * place, so an application table with foreign keys to a role name (ON UPDATE CASCADE) and to a
 * permission id keeps its rows on SQLite and on Postgres (PGlite); and while the tags stay,
 * every code target compiles and still accepts the old names, as deprecated aliases.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseFactory, TestDatabase } from "../sql/sql-engines.js";
import { describeForDialect, openDatabases } from "../sql/sql-engines.js";
import { compileFiles, transpileToModule, writeProject } from "../typescript/compile.js";
import { createGoModule, describeWithGo, removeGoModule, runGoTool } from "../go/go-toolchain.js";
import { describeWithPython, runPython } from "../python/python-tools.js";
import {
  compileAndRunRustTests,
  describeWithRustc,
  removeRustFiles,
  writeRustFiles,
} from "../rust/rust-toolchain.js";
import { ensureBuilt, makeRepo, runCli } from "./run-cli.js";

/** Version 1: what a team starts with. */
const SCHEMA_V1 = `export enum Resource {
  Alert = "alert",
  Case = "case",
}

export enum Action {
  Read = "read",
  Escalate = "escalate",
  Close = "close",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Escalate, Action.Close],
  [Resource.Case]: [Action.Read],
} as const;

export const roles = {
  auditor: ["alert.read", "case.read"],
  lead: ["*"],
  triage: ["alert.escalate", "alert.close"],
} as const;

export const namespace = "soc";
`;

/** Version 2: every kind renamed at once (resource, action, pair, role, namespace). */
const SCHEMA_V2 = `export enum Resource {
  Alert = "alert",
  /**
   * Cases, now called incidents.
   * @renamedFrom case
   */
  Incident = "incident",
}

export enum Action {
  Read = "read",
  /** @renamedFrom escalate */
  Raise = "raise",
  Dismiss = "dismiss",
}

export const permissions = {
  [Resource.Alert]: [
    Action.Read,
    Action.Raise,
    /** @renamedFrom alert.close */
    Action.Dismiss,
  ],
  [Resource.Incident]: [Action.Read],
} as const;

export const roles = {
  /** @renamedFrom auditor */
  reviewer: ["alert.read", "incident.read"],
  lead: ["*"],
  triage: ["alert.raise", "alert.dismiss"],
} as const;

/** @renamedFrom soc */
export const namespace = "sec";
`;

/** Version 3: a chain, incident → ticket (case → incident was version 2). */
const SCHEMA_V3 = SCHEMA_V2.replace(
  "/**\n   * Cases, now called incidents.\n   * @renamedFrom case\n   */\n  Incident = \"incident\"",
  "/** @renamedFrom incident */\n  Ticket = \"ticket\"",
)
  .replace("[Resource.Incident]", "[Resource.Ticket]")
  .replace('"incident.read"]', '"ticket.read"]');

/** Version 4: the migration of stored data is done; every tag is dropped. */
const SCHEMA_V4 = SCHEMA_V3.replace(/\s*\/\*\* @renamedFrom [a-z.]+ \*\//g, "");

const CONFIG = {
  targets: [
    { language: "sql", dialect: "sqlite", out: "db/sqlite" },
    { language: "sql", dialect: "postgres", out: "db/postgres" },
    { language: "typescript", out: "gen/ts/permissions.ts" },
    { language: "python", out: "gen/py/permissions.py" },
    { language: "go", out: "gen/go/perm/permissions.go", package: "perm" },
    { language: "rust", out: "gen/rs/permissions.rs" },
  ],
};

/** The application's own table: foreign keys to a role name and to a permission id. */
const APP_TABLE = `CREATE TABLE app_member (
  user_name TEXT NOT NULL PRIMARY KEY,
  role TEXT NOT NULL REFERENCES permgen_role (name) ON UPDATE CASCADE,
  extra_permission INTEGER REFERENCES permgen_permission (id)
);
INSERT INTO app_member (user_name, role, extra_permission) VALUES ('ann', 'auditor', 1);
INSERT INTO app_member (user_name, role, extra_permission) VALUES ('bob', 'triage', 2)`;

let dir = "";
const read = (file: string): string => fs.readFileSync(path.join(dir, file), "utf8");
const write = (file: string, text: string): void => fs.writeFileSync(path.join(dir, file), text);
const commit = (message: string): void => {
  execFileSync("git", ["add", "-A"], { cwd: dir });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message], {
    cwd: dir,
  });
};
const generate = (): string => {
  const run = runCli(["generate"], dir);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
};
const lockOf = (): Record<string, unknown> => JSON.parse(read("permgen.lock.json")) as Record<string, unknown>;
const migrations = (folder: string): string[] =>
  fs.readdirSync(path.join(dir, folder)).filter((f) => f.endsWith(".sql")).sort();

/** What `check` said before version 2 was generated. */
let checkBeforeV2 = "";

/** Generated files of version 2, kept for the per-language checks below. */
const v2Files = new Map<string, string>();

beforeAll(() => {
  ensureBuilt();
  dir = makeRepo();
  fs.mkdirSync(path.join(dir, "schema"));
  write("schema/permissions.ts", SCHEMA_V1);
  write("permgen.config.json", `${JSON.stringify(CONFIG, null, 2)}\n`);
  generate();
  commit("v1");
  write("schema/permissions.ts", SCHEMA_V2);
  checkBeforeV2 = runCli(["check"], dir).stdout;
  generate();
  for (const file of CONFIG.targets.filter((t) => t.language !== "sql").map((t) => t.out)) {
    v2Files.set(file, read(file));
  }
});

afterAll(() => {
  if (dir !== "") fs.rmSync(dir, { recursive: true, force: true });
});

describe("@renamedFrom in generate and check", () => {
  test("every id stays with the renamed key; the lock records the renames", () => {
    const lock = lockOf();
    expect(lock["permissions"]).toEqual({
      "sec.alert.read": 0,
      "sec.alert.raise": 1,
      "sec.alert.dismiss": 2,
      "sec.incident.read": 3,
    });
    expect(lock["retired"]).toEqual({});
    expect(lock["nextId"]).toBe(4);
    expect(lock["renamed"]).toEqual({
      "soc.alert.close": "sec.alert.dismiss",
      "soc.alert.escalate": "sec.alert.raise",
      "soc.alert.read": "sec.alert.read",
      "soc.case.read": "sec.incident.read",
    });
    expect(lock["renamedRoles"]).toEqual({ auditor: "reviewer" });
  });

  test("check's summary says renamed, not retired and added", () => {
    expect(checkBeforeV2).toContain(
      [
        "permgen: vocabulary changes:",
        "~ soc.alert.read → sec.alert.read (id 0, renamed)",
        "~ soc.alert.escalate → sec.alert.raise (id 1, renamed)",
        "~ soc.alert.close → sec.alert.dismiss (id 2, renamed)",
        "~ soc.case.read → sec.incident.read (id 3, renamed)",
        "~ role auditor → reviewer (renamed)",
        "permgen: ",
      ].join("\n"),
    );
  });

  test("one migration renames rows in place: no permission or role is deleted", () => {
    for (const folder of ["db/sqlite", "db/postgres"]) {
      expect(migrations(folder)).toEqual([
        "0001_create_permission_tables.sql",
        "0002_update_permissions.sql",
      ]);
      const sql = read(`${folder}/0002_update_permissions.sql`);
      expect(sql).toContain(
        `UPDATE "permgen_permission" SET key = 'sec.alert.dismiss', resource = 'alert', action = 'dismiss' WHERE id = 2;`,
      );
      expect(sql).toContain(`UPDATE "permgen_role" SET name = 'reviewer' WHERE name = 'auditor';`);
      expect(sql).not.toContain(`DELETE FROM "permgen_permission"`);
      expect(sql).not.toContain(`DELETE FROM "permgen_role"`);
      expect(sql).not.toContain(`INSERT INTO "permgen_permission"`);
    }
  });

  test("with the tags still in the schema, generate changes nothing and check is green", () => {
    expect(generate()).not.toMatch(/^written/m);
    const check = runCli(["check"], dir);
    expect(check.stdout + check.stderr).not.toContain("error");
    expect(check.code).toBe(0);
  });

  test("a tag naming a key the lock never knew is PG0212 at the tag's member, and nothing is written", () => {
    const before = read("permgen.lock.json");
    write("schema/permissions.ts", SCHEMA_V2.replace("@renamedFrom escalate", "@renamedFrom escalte"));
    const run = runCli(["generate"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `schema/permissions.ts:13:3: error PG0212: @renamedFrom "escalte": the lock has no key with action "escalte"`,
    );
    expect(read("permgen.lock.json")).toBe(before);
    write("schema/permissions.ts", SCHEMA_V2);
  });

  test("a rename onto a key that already has an id is PG0213 (a merge), and nothing is written", () => {
    const before = read("permgen.lock.json");
    const merge = SCHEMA_V2.replace(
      "    Action.Raise,\n    /** @renamedFrom alert.close */\n    Action.Dismiss,",
      "    /** @renamedFrom alert.dismiss */\n    Action.Raise,",
    )
      .replace('  Dismiss = "dismiss",\n', "")
      .replace('triage: ["alert.raise", "alert.dismiss"]', 'triage: ["alert.raise"]');
    expect(merge).toContain("@renamedFrom alert.dismiss");
    expect(merge).not.toContain("Dismiss");
    write("schema/permissions.ts", merge);
    const run = runCli(["generate"], dir);
    expect(run.stderr).toContain(
      `schema/permissions.ts:20:5: error PG0213: "sec.alert.raise" is renamed from "sec.alert.dismiss", but "sec.alert.raise" already has id 1 in the lock`,
    );
    expect(run.code).toBe(2);
    expect(read("permgen.lock.json")).toBe(before);
    write("schema/permissions.ts", SCHEMA_V2);
  });

  test("a lost lock with the tags still there is PG0712 (the lost lock), not PG0212 on each tag", () => {
    // PG0212's advice, remove the tag, would have dropped the aliases for a lock that is only lost.
    const lock = read("permgen.lock.json");
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    for (const args of [["generate"], ["check"]]) {
      const run = runCli(args, dir);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/^permgen\.lock\.json:1:1: error PG0712: the lock file is missing, but \d+ generated files carry ids/);
      expect(run.stderr).not.toContain("PG0212");
    }
    expect(fs.existsSync(path.join(dir, "permgen.lock.json"))).toBe(false);
    write("permgen.lock.json", lock);
  });
});

describe("a chain of renames, then the tags dropped", () => {
  beforeAll(() => {
    commit("v2");
  });

  test("incident → ticket after case → incident keeps id 3 and collapses the record", () => {
    write("schema/permissions.ts", SCHEMA_V3);
    generate();
    const lock = lockOf();
    expect(lock["permissions"]).toEqual({
      "sec.alert.read": 0,
      "sec.alert.raise": 1,
      "sec.alert.dismiss": 2,
      "sec.ticket.read": 3,
    });
    const renamed = lock["renamed"] as Record<string, string>;
    expect(renamed["soc.case.read"]).toBe("sec.ticket.read");
    expect(renamed["sec.incident.read"]).toBe("sec.ticket.read");
    expect(migrations("db/sqlite")).toHaveLength(3);
    expect(read("db/sqlite/0003_rename_sec_incident_read.sql")).toContain(
      `UPDATE "permgen_permission" SET key = 'sec.ticket.read', resource = 'ticket', action = 'read' WHERE id = 3;`,
    );
    commit("v3");
  });

  test("dropping every tag removes the aliases and needs no migration", () => {
    write("schema/permissions.ts", SCHEMA_V4);
    const out = generate();
    expect(out).toMatch(/^written +gen\/ts\/permissions\.ts$/m);
    expect(out).toMatch(/^unchanged +db\/sqlite\/permgen-migrations\.json$/m);
    expect(migrations("db/sqlite")).toHaveLength(3);
    expect(read("gen/ts/permissions.ts")).not.toContain("Renamed from");
    expect(read("gen/py/permissions.py")).not.toContain("_RENAMED_");
    expect(lockOf()["permissions"]).toEqual({
      "sec.alert.read": 0,
      "sec.alert.raise": 1,
      "sec.alert.dismiss": 2,
      "sec.ticket.read": 3,
    });
    expect(runCli(["check"], dir).code).toBe(0);
  });

  test("a lost lock after the renames is recovered byte for byte, rename records included", () => {
    // lock --recover replayed the history without its in-place renames: it recovered the keys
    // before them (and with a code target beside, refused the outputs as disagreeing).
    const lock = read("permgen.lock.json");
    expect(lockOf()["renamed"]).toBeDefined();
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    const recover = runCli(["lock", "--recover"], dir);
    expect(recover.stderr).toBe("");
    expect(recover.code).toBe(0);
    expect(read("permgen.lock.json")).toBe(lock);
    expect(runCli(["check"], dir).code).toBe(0);
  });
});

for (const dialect of ["sqlite", "postgres"] as const) {
  describeForDialect(dialect, `the rename migrations on ${dialect}`, () => {
    let databases: DatabaseFactory | undefined;
    let db: TestDatabase;

    beforeAll(async () => {
      databases = await openDatabases(dialect);
      db = await databases.create();
    });
    afterAll(async () => {
      await databases?.close();
    });

    test("an application table keeps its rows: the role reference follows, the permission id holds", async () => {
      const folder = `db/${dialect}`;
      const [first, ...rest] = migrations(folder);
      await db.apply(read(`${folder}/${first}`));
      for (const statement of APP_TABLE.split(";\n")) await db.run(statement);
      for (const file of rest) await db.apply(read(`${folder}/${file}`));
      const members = await db.query(
        "SELECT user_name, role, extra_permission FROM app_member ORDER BY user_name",
      );
      expect(members.map((row) => ({ ...row, extra_permission: Number(row["extra_permission"]) }))).toEqual([
        { user_name: "ann", role: "reviewer", extra_permission: 1 },
        { user_name: "bob", role: "triage", extra_permission: 2 },
      ]);
      const dump = await db.dump();
      expect(dump.permissions.map((p) => [p.id, p.key])).toEqual([
        [0, "sec.alert.read"],
        [1, "sec.alert.raise"],
        [2, "sec.alert.dismiss"],
        [3, "sec.ticket.read"],
      ]);
      expect(dump.roles.map((r) => r.name)).toEqual(["lead", "reviewer", "triage"]);
      expect(dump.links.map((l) => `${l.role}:${l.permission_id}`)).toEqual([
        "lead:0",
        "lead:1",
        "lead:2",
        "lead:3",
        "reviewer:0",
        "reviewer:3",
        "triage:1",
        "triage:2",
      ]);
    });
  });
}

describe("version 2's TypeScript, with the tags in the schema", () => {
  test("compiles strict with the old names, which mean the new ones at run time", async () => {
    const generated = v2Files.get("gen/ts/permissions.ts") ?? "";
    const consumer = `import { Action, Resource, Role, hasPermission, permissionsOfRoles, requirePermission } from "./permissions.js";
export const oldPair: boolean = hasPermission(["sec.alert.raise"], Resource.Alert, Action.Escalate);
export const oldResource: boolean = hasPermission([], Resource.Case, Action.Read);
export const oldRole: Role = Role.Auditor;
export const guard = requirePermission(Resource.Case, Action.Read);
export const held = permissionsOfRoles(["auditor"]);
`;
    expect(compileFiles({ "permissions.ts": generated, "consumer.ts": consumer })).toEqual([]);
    const project = writeProject({ "permissions.mjs": transpileToModule(generated) });
    try {
      const mod = (await import(pathToFileURL(path.join(project, "permissions.mjs")).href)) as Record<string, unknown>;
      const has = mod["hasPermission"] as (g: unknown, r: string, a: string) => boolean;
      const ofRoles = mod["permissionsOfRoles"] as (r: unknown) => ReadonlySet<string>;
      const resource = mod["Resource"] as Record<string, string>;
      expect(resource["Case"]).toBe("incident");
      // A stored old key grants the renamed permission; an unrelated old key does not.
      expect(has(["soc.alert.escalate"], "alert", "raise")).toBe(true);
      expect(has(["soc.alert.close"], "alert", "raise")).toBe(false);
      expect(has({ permissions: ["soc.case.read"] }, "incident", "read")).toBe(true);
      expect([...ofRoles(["auditor"])]).toEqual(["sec.alert.read", "sec.incident.read"]);
      expect([...ofRoles(["__proto__", "constructor"])]).toEqual([]);
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describeWithPython("version 2's Python, with the tags in the schema", () => {
  test("old members are Enum aliases; stored old keys and role names still grant", () => {
    const generated = v2Files.get("gen/py/permissions.py") ?? "";
    const project = writeProject({ "permissions.py": generated });
    try {
      const script = [
        "import permissions as p",
        "assert p.Resource.CASE is p.Resource.INCIDENT",
        "assert p.Action.ESCALATE is p.Action.RAISE",
        "assert p.Role.AUDITOR is p.Role.REVIEWER",
        "assert p.Permission.ALERT_CLOSE is p.Permission.ALERT_DISMISS",
        "assert p.has_permission(['soc.alert.escalate'], p.Resource.ALERT, p.Action.RAISE)",
        "assert not p.has_permission(['soc.alert.close'], p.Resource.ALERT, p.Action.RAISE)",
        "assert p.permissions_of_roles(['auditor']) == p.ROLE_PERMISSIONS[p.Role.REVIEWER]",
        "assert p.permissions_of_roles(['nobody']) == frozenset()",
        "print('ok')",
      ].join("\n");
      const run = runPython(["-c", script], project);
      expect(run.stderr).toBe("");
      expect(run.stdout.trim()).toBe("ok");
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});

describeWithGo("version 2's Go, with the tags in the schema", () => {
  test("vets, and the deprecated constants and old strings mean the new ones", () => {
    const test = `package perm

import "testing"

func TestRenamedAliases(t *testing.T) {
	if ResourceCase != ResourceIncident || ActionEscalate != ActionRaise || PermAlertClose != PermAlertDismiss || RoleAuditor != RoleReviewer {
		t.Fatal("an alias constant differs from the constant it names")
	}
	if p, ok := ParsePermission("soc.alert.escalate"); !ok || p != PermAlertRaise {
		t.Fatalf("old key parsed as %v, %v", p, ok)
	}
	if !RolePermissions(Role("auditor")).Has(PermIncidentRead) || RolePermissions(Role("nobody")).Has(PermIncidentRead) {
		t.Fatal("role lookup by old name")
	}
}
`;
    const root = createGoModule({
      "perm/permissions.go": v2Files.get("gen/go/perm/permissions.go") ?? "",
      "perm/alias_test.go": test,
    });
    try {
      expect(runGoTool("gofmt", ["-l", "perm/permissions.go"], root).stdout).toBe("");
      const vet = runGoTool("go", ["vet", "./..."], root);
      expect(vet.stderr).toBe("");
      const run = runGoTool("go", ["test", "./..."], root);
      expect(run.stdout + run.stderr).toMatch(/^ok/m);
    } finally {
      removeGoModule(root);
    }
  });
});

describeWithRustc("version 2's Rust, with the tags in the schema", () => {
  test("compiles with -D warnings; the deprecated consts and old strings mean the new ones", () => {
    const program = `#[allow(dead_code)]
#[path = "permissions.rs"]
mod permissions;

#[test]
#[allow(deprecated)]
fn renamed_aliases() {
    use permissions::*;
    assert_eq!(Resource::Case, Resource::Incident);
    assert_eq!(Action::Escalate, Action::Raise);
    assert_eq!(Permission::AlertClose, Permission::AlertDismiss);
    assert_eq!(Role::Auditor, Role::Reviewer);
    assert_eq!("soc.alert.escalate".parse::<Permission>().ok(), Some(Permission::AlertRaise));
    assert_eq!("auditor".parse::<Role>().ok(), Some(Role::Reviewer));
    assert!("nobody".parse::<Role>().is_err());
}
`;
    const rustDir = writeRustFiles({
      "permissions.rs": v2Files.get("gen/rs/permissions.rs") ?? "",
      "alias_test.rs": program,
    });
    try {
      const { compile, run } = compileAndRunRustTests(rustDir, path.join(rustDir, "alias_test.rs"));
      expect(compile.stderr).toBe("");
      expect(run?.status).toBe(0);
    } finally {
      removeRustFiles(rustDir);
    }
  });
});
