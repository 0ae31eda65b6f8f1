/**
 * `permgen import` through the built CLI, in real temp git repositories: each source shape the
 * README lists becomes a schema (and a lock when ids are given) that `permgen validate` accepts,
 * and `permgen generate` from it yields exactly the source's vocabulary — keys in order, role
 * sets, ids — read back from the generated JSON (and, for seed 001, from the generated Python
 * next to the seed's own module in one interpreter).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureBuilt, makeRepo, runCli } from "./run-cli.js";
import { describeWithPython, runPython } from "../python/python-tools.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh repository holding `files` (path → content). */
function repoWith(files: Record<string, string>): string {
  const dir = makeRepo();
  repos.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** The config the tests generate with: JSON (the vocabulary as data) and Python. */
const CONFIG = JSON.stringify({
  schema: "schema/permissions.ts",
  targets: [
    { language: "json", out: "generated/permissions.json" },
    { language: "python", out: "generated/permissions.py" },
  ],
});

interface GeneratedJson {
  readonly schemaDigest: string;
  readonly namespace: string | null;
  readonly permissions: readonly { key: string; id: number; description: string | null }[];
  readonly resources: readonly { value: string; description: string | null }[];
  readonly roles: readonly { name: string; grants: string[]; permissions: string[] }[];
}

/** Imports `args` in `dir`, adds the config, generates, and returns the generated JSON. */
function importAndGenerate(dir: string, args: readonly string[]): GeneratedJson {
  const imported = runCli(["import", ...args], dir);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), CONFIG);
  const validated = runCli(["validate"], dir);
  expect(validated.stderr).toBe("");
  expect(validated.code).toBe(0);
  const generated = runCli(["generate"], dir);
  expect(generated.stderr).toBe("");
  expect(generated.code).toBe(0);
  return JSON.parse(fs.readFileSync(path.join(dir, "generated/permissions.json"), "utf8")) as GeneratedJson;
}

/** Seed 001's `Permission` values in declaration order, copied from the seed text. */
const SEED_001_KEYS = [
  "engagement.create", "engagement.read", "engagement.read_own", "engagement.update",
  "engagement.delete", "engagement.member.manage", "engagement.soc_token.issue", "host.crud",
  "ttp.read", "ttp.draft", "ttp.promote", "import.journal", "scenario.crud", "run.start",
  "run.control", "evidence.add", "detection.add", "cleanup.trigger", "report.generate",
  "report.read", "audit.read", "user.manage",
];

describe("permgen import", () => {
  test("seed 001's matrix.py becomes a schema whose generated vocabulary is the seed's", () => {
    const dir = repoWith({ "rbac/matrix.py": fs.readFileSync(path.join(FIXTURES, "seed-001/matrix.py"), "utf8") });
    const json = importAndGenerate(dir, ["rbac/matrix.py"]);
    expect(json.namespace).toBeNull();
    expect(json.permissions.map((p) => p.key)).toEqual(SEED_001_KEYS);
    expect(json.permissions.map((p) => p.id)).toEqual(SEED_001_KEYS.map((_, i) => i));
    expect(Object.fromEntries(json.roles.map((r) => [r.name, r.permissions]))).toEqual({
      rt_operator: [
        "engagement.create", "engagement.read", "host.crud", "ttp.read", "ttp.draft",
        "import.journal", "scenario.crud", "evidence.add", "cleanup.trigger", "report.read",
      ],
      rt_lead: SEED_001_KEYS,
      soc_analyst: ["engagement.read_own", "detection.add", "report.read"],
    });
    // frozenset(ALL_PERMISSIONS) is "every permission, also those added later": "*".
    expect(json.roles.map((r) => [r.name, r.grants.includes("*")])).toEqual([
      ["rt_operator", false],
      ["rt_lead", true],
      ["soc_analyst", false],
    ]);
    const schema = fs.readFileSync(path.join(dir, "schema/permissions.ts"), "utf8");
    expect(schema).toContain('/** Holds every permission ("*"), including permissions added later. */\n  rt_lead: ["*"],');
    // The trailing comment is the member's doc; the lint pragma `# noqa: S105` is not.
    expect(json.permissions.find((p) => p.key === "engagement.read_own")?.description).toBe("Scoped to soc_session");
    expect(json.permissions.find((p) => p.key === "engagement.soc_token.issue")?.description).toBeNull();
    // No ids in the source, none given: no lock until generate writes one.
    expect(runCli(["check"], dir).code).toBe(0);
    // The hand-written schema of the same matrix (test/fixtures/seed-001/permissions.ts) has the
    // same vocabulary: SCHEMA_DIGEST covers resources, actions, pairs, expanded roles and ids.
    const handWritten = repoWith({ "schema/permissions.ts": fs.readFileSync(path.join(FIXTURES, "seed-001/permissions.ts"), "utf8"), "permgen.config.json": CONFIG });
    expect(runCli(["generate"], handWritten).code).toBe(0);
    const expected = JSON.parse(fs.readFileSync(path.join(handWritten, "generated/permissions.json"), "utf8")) as { schemaDigest: string };
    expect(json.schemaDigest).toBe(expected.schemaDigest);
  });

  test("import never overwrites the schema or the lock without --force, and replaces them with it", () => {
    const dir = repoWith({ "keys.csv": "key,id\nalert.read,4\nalert.ack,9\n" });
    expect(runCli(["import", "keys.csv"], dir).code).toBe(0);
    const schema = fs.readFileSync(path.join(dir, "schema/permissions.ts"), "utf8");
    const lock = fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8");
    fs.writeFileSync(path.join(dir, "keys.csv"), "key,id\nalert.read,4\nalert.ack,9\ncase.read,10\n");
    const again = runCli(["import", "keys.csv"], dir);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("schema/permissions.ts: error PG0911: the schema import would write exists");
    expect(again.stderr).toContain("permgen.lock.json: error PG0911: the lock exists and does not hold these ids");
    expect(fs.readFileSync(path.join(dir, "schema/permissions.ts"), "utf8")).toBe(schema);
    expect(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")).toBe(lock);
    const forced = runCli(["import", "keys.csv", "--force"], dir);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "schema/permissions.ts"), "utf8")).toContain("Case = ");
    // A lock that already gives every key its id is left alone: only the schema needs --force.
    const lockBefore = fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8");
    fs.writeFileSync(path.join(dir, "keys.csv"), "key,id\nalert.read,4\n");
    const subset = runCli(["import", "keys.csv", "--out", "schema/other.ts"], dir);
    expect(subset).toEqual({
      code: 0,
      stdout:
        "permgen: wrote schema/other.ts (1 permission, 1 resource, 1 action, 0 roles)\n" +
        "permgen: permgen.lock.json already holds the 1 id; left as it is\n" +
        "permgen: no permgen.config.json yet: run `permgen init` (it keeps this schema), add your targets, then `permgen generate`\n",
      stderr: "",
    });
    expect(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")).toBe(lockBefore);
  });

  test("a CSV with ids becomes a schema and a lock; generate keeps every id", () => {
    const dir = repoWith({ "ids.csv": "key,id\nsoc.alert.read,3\nsoc.alert.acknowledge,0\nsoc.case.read,7\n" });
    const json = importAndGenerate(dir, ["ids.csv"]);
    expect(json.namespace).toBe("soc");
    expect(json.permissions.map((p) => [p.key, p.id])).toEqual([
      ["soc.alert.read", 3],
      ["soc.alert.acknowledge", 0],
      ["soc.case.read", 7],
    ]);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")) as { nextId: number };
    expect(lock.nextId).toBe(8);
  });

  test("--ids gives a key list its ids; ids of keys the source lacks are kept as retired", () => {
    const dir = repoWith({ "keys.json": '["alert.read", "alert.write"]', "ids.json": '{"alert.write": 5, "alert.read": 2, "alert.gone": 1}' });
    const json = importAndGenerate(dir, ["keys.json", "--ids", "ids.json"]);
    expect(json.permissions.map((p) => [p.key, p.id])).toEqual([
      ["alert.read", 2],
      ["alert.write", 5],
    ]);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, "permgen.lock.json"), "utf8")) as { retired: Record<string, number> };
    expect(lock.retired).toEqual({ "alert.gone": 1 });
  });

  test("a seed-000-shaped Rust crate (Resource, Action, a pairs array) imports its pairs and docs", () => {
    const dir = repoWith({ "crates/aurora-schema/src/permission.rs": fs.readFileSync(path.join(FIXTURES, "seed-000/permission.rs"), "utf8") });
    const json = importAndGenerate(dir, ["crates/aurora-schema/src/permission.rs"]);
    expect(json.permissions.map((p) => p.key)).toEqual([
      "alert.read", "alert.acknowledge", "alert.escalate", "case.read", "case.write",
      "detection_rule.read", "detection_rule.write", "user.manage",
    ]);
    expect(json.resources.find((r) => r.value === "alert")?.description).toBe("Security alerts raised by detections.");
    expect(json.roles).toEqual([]);
  });

  test("a Rust enum of dotted keys (as_str arms) imports in variant order", () => {
    const source = [
      "pub enum Permission {",
      "    /// Read alerts.",
      "    AlertRead,",
      "    #[serde(rename = \"alert.acknowledge\")]",
      "    AlertAck,",
      "}",
      "impl Permission {",
      "    pub fn as_str(&self) -> &'static str {",
      "        match self {",
      "            Permission::AlertRead => \"alert.read\",",
      "            Self::AlertAck => \"alert.acknowledge\",",
      "        }",
      "    }",
      "}",
      "",
    ].join("\n");
    const dir = repoWith({ "src/permission.rs": source });
    const json = importAndGenerate(dir, ["src/permission.rs"]);
    expect(json.permissions.map((p) => [p.key, p.description])).toEqual([
      ["alert.read", "Read alerts."],
      ["alert.acknowledge", null],
    ]);
  });

  test("a TypeScript string enum and an `as const` object (nested, with ids) import together", () => {
    const enumSource = [
      "export enum Permission {",
      "  /** Read alerts. */",
      '  AlertRead = "app.alert.read",',
      '  AlertAck = "app.alert.acknowledge",',
      "}",
      'export enum Color { Red = "red" }',
      "",
    ].join("\n");
    const objectSource = [
      "export const PERMISSIONS = {",
      "  case: {",
      "    /** Open a case. */",
      "    app_open: 12,",
      "  },",
      '  report: { read: "app.report.read" },',
      "} as const;",
      "export const LABELS = { red: \"Red\" } as const;",
      "",
    ].join("\n");
    const dir = repoWith({ "src/perm.ts": enumSource, "src/objects.ts": objectSource });
    const json = importAndGenerate(dir, ["src/perm.ts", "src/objects.ts"]);
    expect(json.permissions.map((p) => [p.key, p.description])).toEqual([
      ["app.alert.read", "Read alerts."],
      ["app.alert.acknowledge", null],
      ["case.app_open", "Open a case."],
      ["app.report.read", null],
    ]);
    expect(json.namespace).toBeNull();
    expect(json.permissions.find((p) => p.key === "case.app_open")?.id).toBe(12);
  });

  test("hostile docs (`*/`, backticks, line separators, a tag) stay prose in a valid schema", () => {
    const source = [
      "import enum",
      "class Permission(enum.StrEnum):",
      '    """Ends here? */ no. `code` ${x}\u2028second line\u2029third',
      "@renamedFrom alert.read",
      '    """',
      '    ALERT_VIEW = "alert.view"  # a */ b ` c',
      "",
    ].join("\n");
    const dir = repoWith({ "perm.py": source });
    const json = importAndGenerate(dir, ["perm.py"]);
    expect(json.permissions.map((p) => [p.key, p.id, p.description])).toEqual([["alert.view", 0, "A *\\/ b ` c"]]);
    const schema = fs.readFileSync(path.join(dir, "schema/permissions.ts"), "utf8");
    expect(schema).toContain(
      "/**\n * Ends here? *\\/ no. `code` ${x}\n * second line\n * third\n * \\@renamedFrom alert.read\n */\nexport const permissions",
    );
    expect(schema).not.toMatch(/[\u2028\u2029]/);
  });
});

describeWithPython("permgen import: seed 001 in Python", () => {
  test("the generated module and the seed's matrix.py agree member by member", () => {
    const dir = repoWith({ "matrix.py": fs.readFileSync(path.join(FIXTURES, "seed-001/matrix.py"), "utf8") });
    importAndGenerate(dir, ["matrix.py"]);
    const script = [
      "import importlib.util, json, sys",
      "def load(name, file):",
      "    spec = importlib.util.spec_from_file_location(name, file)",
      "    module = importlib.util.module_from_spec(spec)",
      "    sys.modules[name] = module",
      "    spec.loader.exec_module(module)",
      "    return module",
      "seed = load('matrix', 'matrix.py')",
      "gen = load('permissions', 'generated/permissions.py')",
      "print(json.dumps({",
      "  'permissions': [[m.name, m.value] for m in seed.Permission] == [[m.name, m.value] for m in gen.Permission],",
      "  'all': [p.value for p in seed.ALL_PERMISSIONS] == [p.value for p in gen.ALL_PERMISSIONS],",
      "  'groups': [g.value for g in seed.GroupName] == [r.value for r in gen.Role],",
      "  'sets': {g.value: sorted(v) for g, v in seed.GROUP_PERMISSIONS.items()}",
      "      == {r.value: sorted(v) for r, v in gen.ROLE_PERMISSIONS.items()},",
      "}))",
    ].join("\n");
    const run = runPython(["-c", script], dir);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ permissions: true, all: true, groups: true, sets: true });
  });
});
