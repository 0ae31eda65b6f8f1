/**
 * Issue 10 item 2, a lost lock, end to end through the built CLI in temp git repositories:
 * `generate` and `check` refuse while generated files carry ids; `permgen lock --recover`
 * rebuilds the lock byte for byte from the richest output (the SQL history, retired ids and
 * role grants included) and cross-checks the others; with only a Go target it recovers the
 * current ids; disagreeing outputs are an error naming both files; `permgen lock --import`
 * adopts ids from CSV and JSON.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, makeRepo, runCli, snapshotTree } from "./run-cli.js";

const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

const SCHEMA_V1 = `export enum Resource {
  Alert = "alert",
  Host = "host",
  Note = "note",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
  Delete = "delete",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Host]: [Action.Read, Action.Delete],
  [Resource.Note]: [Action.Read],
} as const;

export const roles = {
  admin: ["*"],
  analyst: ["alert.*", "note.read"],
  viewer: ["host.read"],
} as const;

export const namespace = "soc";
`;

/** v1 with note.read removed (retired), host.acknowledge added, a role dropped and one changed. */
const SCHEMA_V2 = SCHEMA_V1.replace("  [Resource.Note]: [Action.Read],\n", "")
  .replace("[Resource.Host]: [Action.Read, Action.Delete]", "[Resource.Host]: [Action.Read, Action.Delete, Action.Acknowledge]")
  .replace('  analyst: ["alert.*", "note.read"],\n', '  analyst: ["alert.*", "host.acknowledge"],\n')
  .replace('  viewer: ["host.read"],\n', "");

const ALL_TARGETS = [
  { language: "typescript", out: "gen/ts/permissions.ts" },
  { language: "python", out: "gen/py/permissions.py" },
  { language: "go", out: "gen/go/perm/permissions.go" },
  { language: "rust", out: "gen/rs/permissions.rs" },
  { language: "sql", dialect: "postgres", out: "gen/sql" },
  { language: "json", out: "gen/permissions.json" },
  { language: "markdown", out: "gen/PERMISSIONS.md" },
];

function makeProject(targets: readonly object[], schema: string): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.mkdirSync(path.join(dir, "schema"));
  fs.writeFileSync(path.join(dir, "schema/permissions.ts"), schema);
  fs.writeFileSync(
    path.join(dir, "permgen.config.json"),
    `${JSON.stringify({ schema: "schema/permissions.ts", targets }, null, 2)}\n`,
  );
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, encoding: "utf8" });
}

function ok(dir: string, args: readonly string[]): string {
  const run = runCli(args, dir);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return run.stdout;
}

function readLock(dir: string): string {
  return fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8");
}

/** Generates v1 and v2 (two migrations, one retired id), commits, and deletes the lock. */
function makeLostLockProject(targets: readonly object[]): { dir: string; lost: string } {
  const dir = makeProject(targets, SCHEMA_V1);
  ok(dir, ["generate"]);
  fs.writeFileSync(path.join(dir, "schema/permissions.ts"), SCHEMA_V2);
  ok(dir, ["generate"]);
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "v2");
  const lost = readLock(dir);
  fs.rmSync(path.join(dir, "permgen.lock.json"));
  return { dir, lost };
}

describe("a lost lock", () => {
  it("generate and check refuse, nothing written; lock --recover rebuilds the lock byte for byte; check is green", () => {
    const { dir, lost } = makeLostLockProject(ALL_TARGETS);
    expect(lost).toContain('"retired": {\n    "soc.note.read": 4\n  }');
    const before = snapshotTree(dir);

    const generate = runCli(["generate"], dir);
    expect(generate.code).toBe(2);
    expect(generate.stdout).toBe("");
    expect(generate.stderr).toMatch(/^permgen\.lock\.json:1:1: error PG0712: the lock file is missing, but 6 generated files carry ids \(gen\/go\/perm\/permissions\.go, /);
    expect(generate.stderr).toContain("`git checkout -- permgen.lock.json`");
    expect(generate.stderr).toContain("`permgen lock --recover`");
    expect(snapshotTree(dir)).toEqual(before);
    const check = runCli(["check"], dir);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("error PG0712");
    expect(snapshotTree(dir)).toEqual(before);

    const recover = runCli(["lock", "--recover"], dir);
    expect(recover.stderr).toBe("");
    expect(recover.code).toBe(0);
    expect(recover.stdout).toBe(
      [
        "permgen: recovered permgen.lock.json from gen/sql/permgen-migrations.json (5 ids, 1 retired, 2 roles)",
        "  cross-checked  gen/permissions.json",
        "  cross-checked  gen/go/perm/permissions.go",
        "  cross-checked  gen/ts/permissions.ts",
        "  cross-checked  gen/py/permissions.py",
        "  cross-checked  gen/rs/permissions.rs",
        "permgen: run `permgen check` to confirm the outputs agree, then commit the lock",
        "",
      ].join("\n"),
    );
    expect(readLock(dir)).toBe(lost);
    expect(ok(dir, ["check"])).toMatch(/up to date/);
    expect(git(dir, "status", "--porcelain")).toBe("");

    // The lock exists now: recovering again never replaces it.
    const again = runCli(["lock", "--recover"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("error PG0713: the lock file exists");
    expect(readLock(dir)).toBe(lost);
  });

  it("recovers from the JSON target alone, retired ids and roles included", () => {
    const { dir, lost } = makeLostLockProject([{ language: "json", out: "gen/permissions.json" }]);
    const recover = ok(dir, ["lock", "--recover"]);
    expect(recover).toContain("from gen/permissions.json (5 ids, 1 retired, 2 roles)");
    expect(readLock(dir)).toBe(lost);
    ok(dir, ["check"]);
    // The retired id stays retired: a key added next gets a fresh id, never note.read's 4.
    fs.writeFileSync(path.join(dir, "schema/permissions.ts"), SCHEMA_V2.replace("[Action.Read, Action.Acknowledge]", "[Action.Read, Action.Acknowledge, Action.Delete]"));
    ok(dir, ["generate"]);
    const lock = JSON.parse(readLock(dir)) as { permissions: Record<string, number>; retired: Record<string, number> };
    expect(lock.permissions["soc.alert.delete"]).toBe(6);
    expect(lock.retired).toEqual({ "soc.note.read": 4 });
  });

  it("reads the TypeScript id table however the user's prettier config formatted it", () => {
    const dir = makeProject([{ language: "typescript", out: "gen/permissions.ts" }], SCHEMA_V1);
    fs.writeFileSync(path.join(dir, ".prettierrc"), '{ "singleQuote": true, "printWidth": 30 }\n');
    ok(dir, ["generate"]);
    expect(fs.readFileSync(path.join(dir, "gen/permissions.ts"), "utf8")).toContain("'soc.alert.read'");
    const lost = readLock(dir);
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    expect(ok(dir, ["lock", "--recover"])).toContain("from gen/permissions.ts (5 ids, 0 retired)");
    ok(dir, ["generate"]);
    expect(readLock(dir)).toBe(lost);
  });

  it("with only a Go target recovers the current ids, says what it cannot know, and the next generate restores the rest", () => {
    const dir = makeProject([{ language: "go", out: "gen/perm/permissions.go" }], SCHEMA_V1);
    ok(dir, ["generate"]);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "v1");
    const lost = readLock(dir);
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    expect(runCli(["generate"], dir).code).toBe(2);

    const recover = ok(dir, ["lock", "--recover"]);
    expect(recover).toContain("permgen: recovered permgen.lock.json from gen/perm/permissions.go (5 ids, 0 retired)\n");
    expect(recover).toContain("retired ids are not recorded in gen/perm/permissions.go");
    expect(recover).toContain("roles not recovered");
    const recovered = readLock(dir);
    expect(recovered).not.toContain('"roles"');
    expect(recovered).toBe(lost.replace(/,\n  "roles": \{[\s\S]*\n  \}\n\}\n$/, "\n}\n"));
    // The lock lacks only the role record, which is drift until generate writes it; no id moves.
    expect(runCli(["check"], dir).code).toBe(1);
    ok(dir, ["generate"]);
    expect(readLock(dir)).toBe(lost);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });

  it("refuses when two outputs disagree, naming both files, and writes nothing", () => {
    const { dir } = makeLostLockProject([
      { language: "go", out: "gen/perm/permissions.go" },
      { language: "json", out: "gen/permissions.json" },
    ]);
    const goFile = path.join(dir, "gen/perm/permissions.go");
    const go = fs.readFileSync(goFile, "utf8");
    // A hand edit that swaps the keys of ids 0 and 1 in the Go table.
    const edited = go.replace('{"soc.alert.read", ResourceAlert, ActionRead}', "TMP")
      .replace('{"soc.alert.acknowledge", ResourceAlert, ActionAcknowledge}', '{"soc.alert.read", ResourceAlert, ActionRead}')
      .replace("TMP", '{"soc.alert.acknowledge", ResourceAlert, ActionAcknowledge}');
    expect(edited).not.toBe(go);
    fs.writeFileSync(goFile, edited);
    const before = snapshotTree(dir);
    const run = runCli(["lock", "--recover"], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'gen/permissions.json:1:1: error PG0713: this file and gen/perm/permissions.go disagree: "soc.alert.acknowledge" has id 1 in one and id 0 in the other; one of them was edited or is from another state of the schema. Restore the one that is wrong (`git checkout -- <file>`), or the lock itself if it was committed, and run `permgen lock --recover` again\n1 error\n',
    );
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("a generated file without ids (Markdown) does not block generate; a new project starts a lock", () => {
    const dir = makeProject([{ language: "markdown", out: "gen/PERMISSIONS.md" }], SCHEMA_V1);
    ok(dir, ["generate"]);
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    ok(dir, ["generate"]);
    const recover = runCli(["lock", "--recover"], dir);
    expect(recover.code).toBe(2);
    expect(recover.stderr).toContain("error PG0713: the lock file exists");
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    const none = runCli(["lock", "--recover"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("error PG0713: nothing to recover the lock from");
  });
});

describe("lock --import", () => {
  it("adopts ids from CSV: kept for keys in the schema, retired for the others, new keys numbered after them", () => {
    const dir = makeProject([{ language: "go", out: "gen/perm/permissions.go" }], SCHEMA_V1);
    fs.writeFileSync(
      path.join(dir, "ids.csv"),
      "key,id\r\nsoc.alert.read,10\r\nsoc.host.delete,3\r\nsoc.legacy.purge,7\r\n",
    );
    expect(ok(dir, ["lock", "--import", "ids.csv"])).toBe(
      "permgen: wrote permgen.lock.json with 3 ids (next id 11)\n" +
        "permgen: run `permgen generate`: keys in the schema keep these ids, the others are retired, new keys are numbered after them\n",
    );
    ok(dir, ["generate"]);
    const lock = JSON.parse(readLock(dir)) as { permissions: Record<string, number>; retired: Record<string, number>; nextId: number };
    expect(lock.permissions).toEqual({
      "soc.host.delete": 3,
      "soc.alert.read": 10,
      "soc.alert.acknowledge": 11,
      "soc.host.read": 12,
      "soc.note.read": 13,
    });
    expect(lock.retired).toEqual({ "soc.legacy.purge": 7 });
    expect(lock.nextId).toBe(14);
    expect(fs.readFileSync(path.join(dir, "gen/perm/permissions.go"), "utf8")).toContain("PermAlertRead Permission = 10\n");
    ok(dir, ["check"]);
  });

  it("adopts ids from JSON, and accepts the same file again once the lock holds those ids", () => {
    const dir = makeProject([{ language: "json", out: "gen/permissions.json" }], SCHEMA_V1);
    fs.writeFileSync(path.join(dir, "ids.json"), '{ "soc.note.read": 0, "soc.alert.read": 4 }\n');
    ok(dir, ["lock", "--import", "ids.json"]);
    ok(dir, ["generate"]);
    const lock = JSON.parse(readLock(dir)) as { permissions: Record<string, number> };
    expect(lock.permissions["soc.note.read"]).toBe(0);
    expect(lock.permissions["soc.alert.read"]).toBe(4);
    expect(ok(dir, ["lock", "--import", "ids.json"])).toBe(
      "permgen: permgen.lock.json already holds the 2 ids of the file; nothing written\n",
    );
    const lockText = readLock(dir);
    fs.writeFileSync(path.join(dir, "other.json"), '{ "soc.note.read": 1 }\n');
    const clash = runCli(["lock", "--import", "other.json"], dir);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('other.json:1:1: error PG0714: the lock already exists and gives "soc.note.read" id 0, the file gives it 1');
    expect(readLock(dir)).toBe(lockText);
  });

  it("reports every bad line at its place and writes nothing", () => {
    const dir = makeProject([{ language: "go", out: "gen/perm/permissions.go" }], SCHEMA_V1);
    fs.writeFileSync(
      path.join(dir, "ids.csv"),
      "soc.alert.read,1\nsoc.host.read,1\nsoc.alert.read,2\nAlert Read,3\nsoc.note.read,-4\nsoc.host.delete,131072\n",
    );
    const before = snapshotTree(dir);
    const run = runCli(["lock", "--import", "ids.csv"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'ids.csv:2:15: error PG0714: id 1 of "soc.host.read" is already the id of "soc.alert.read"',
        'ids.csv:3:1: error PG0714: "soc.alert.read" is listed twice (first with id 1)',
        'ids.csv:4:1: error PG0714: "Alert Read" is not a permission key (`resource.action`, with the namespace if the schema has one)',
        'ids.csv:5:1: error PG0714: expected `key,id` (a permission key and a non-negative integer), found "soc.note.read,-4"',
        'ids.csv:6:17: error PG0714: id 131072 of "soc.host.delete" is past permgen\'s bound: ids are 0 to 131071',
        "5 errors",
        "",
      ].join("\n"),
    );
    expect(snapshotTree(dir)).toEqual(before);
    expect(runCli(["lock"], dir).code).toBe(2);
  });
});

describe("a lock behind the migrations", () => {
  // What a run that stopped after renaming the migrations into place and before the lock
  // leaves (a kill, a read-only lock): the old lock under the new outputs. The next change
  // would have given the new migration's id to another key; it is refused, and the
  // README's way out — delete the lock, recover it from the outputs — gives a fresh id.
  it("generate and check refuse (PG0604), nothing written; lock --recover then keeps the id", () => {
    const dir = makeProject(ALL_TARGETS, SCHEMA_V1);
    ok(dir, ["generate"]);
    const oldLock = readLock(dir);
    fs.writeFileSync(path.join(dir, "schema/permissions.ts"), SCHEMA_V2);
    ok(dir, ["generate"]);
    const given = (JSON.parse(readLock(dir)) as { permissions: Record<string, number> }).permissions["soc.host.acknowledge"];
    fs.writeFileSync(path.join(dir, "permgen.lock.json"), oldLock);
    // The next change: host.acknowledge goes again, host.close comes.
    const v3 = SCHEMA_V2.replace("  Delete = \"delete\",\n", "  Delete = \"delete\",\n  Close = \"close\",\n")
      .replace("[Action.Read, Action.Delete, Action.Acknowledge]", "[Action.Read, Action.Delete, Action.Close]")
      .replace('"host.acknowledge"]', '"host.close"]');
    fs.writeFileSync(path.join(dir, "schema/permissions.ts"), v3);
    const before = snapshotTree(dir);
    for (const args of [["generate"], ["check"]]) {
      const run = runCli(args, dir);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain(`gen/sql/permgen-migrations.json:1:1: error PG0604: id ${given} is "soc.host.acknowledge" in the migrations but "soc.host.close" in the lock`);
      expect(snapshotTree(dir)).toEqual(before);
    }
    fs.rmSync(path.join(dir, "permgen.lock.json"));
    ok(dir, ["lock", "--recover"]);
    ok(dir, ["generate"]);
    const lock = JSON.parse(readLock(dir)) as { permissions: Record<string, number>; retired: Record<string, number> };
    expect(lock.retired["soc.host.acknowledge"]).toBe(given);
    expect(lock.permissions["soc.host.close"]).toBeGreaterThan(given ?? Infinity);
    expect(runCli(["check"], dir).code).toBe(0);
  });
});
