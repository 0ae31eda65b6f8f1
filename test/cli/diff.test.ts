/**
 * `permgen diff` end to end (CONTRACT §9): the built CLI in real temp git repositories, the ref
 * side read from commits, the working tree changed on disk. Each test names what a reviewer
 * of a pull request would see.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitAll, ensureBuilt, makeRepo, runCli } from "./run-cli.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN = path.join(HERE, "..", "diff", "golden", "realistic-change.md");
const DIFF_SCHEMA = path.join(HERE, "..", "..", "schemas", "permgen-diff.schema.json");

const CONFIG = {
  schema: "schema/permissions.ts",
  targets: [
    { language: "typescript", out: "generated/permissions.ts" },
    { language: "go", out: "generated/go/permissions.go", package: "perm" },
    { language: "sql", dialect: "postgres", out: "generated/sql" },
  ],
};

/** The vocabulary on the base branch. */
const BEFORE = `export enum Resource {
  Alert = "alert",
  Host = "host",
  /** @deprecated Use reports. */
  HostNote = "host.note",
  Report = "report",
  User = "user",
}

export enum Action {
  Read = "read",
  Acknowledge = "acknowledge",
  Create = "create",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.Read, Action.Acknowledge],
  [Resource.Host]: [Action.Read, Action.Create],
  [Resource.HostNote]: [Action.Read],
  [Resource.Report]: [Action.Read],
  [Resource.User]: [Action.Manage],
} as const;

export const roles = {
  /** Red-team lead: everything, including permissions added later. */
  rt_lead: ["*"],
  rt_operator: ["host.*", "report.read"],
  soc_analyst: ["alert.*"],
  auditor: ["report.read"],
} as const;

export const namespace = "soc";
`;

/**
 * BEFORE with constraints it keeps: rt_lead has explicit grants (a `"*"` role breaks every
 * exclusive set), one exclusive set and two restrictions.
 */
const CONSTRAINED = BEFORE.replace(`rt_lead: ["*"],`, `rt_lead: ["host.*", "user.manage", "report.read", "alert.read"],`)
  .replace(`  /** Red-team lead: everything, including permissions added later. */\n`, "")
  .replace(
    `export const namespace = "soc";\n`,
    `export const constraints = {
  exclusive: [["host.*", "alert.acknowledge"]],
  restricted: {
    "user.manage": ["rt_lead"],
    "host.create": ["rt_lead", "rt_operator"],
  },
} as const;

export const namespace = "soc";
`,
  );

const repos: string[] = [];

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

/** A repository whose HEAD holds `schema` generated (config, schema, lock, outputs). */
function makeGeneratedRepo(schema = BEFORE): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
  writeSchema(dir, schema);
  const generated = runCli(["generate"], dir);
  expect(generated.stderr).toBe("");
  commitAll(dir, "base");
  return dir;
}

function writeSchema(dir: string, text: string): void {
  fs.mkdirSync(path.join(dir, "schema"), { recursive: true });
  fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), text);
}

/** Edits the working tree's schema. */
function editSchema(dir: string, edit: (text: string) => string): void {
  const file = path.join(dir, "schema", "permissions.ts");
  const before = fs.readFileSync(file, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  fs.writeFileSync(file, after);
}

function diffJson(dir: string, args: readonly string[] = []): { code: number | null; report: any } {
  const run = runCli(["diff", "--format", "json", ...args], dir);
  expect(run.stderr).toBe("");
  return { code: run.code, report: JSON.parse(run.stdout) };
}

const addHostDelete = (text: string): string =>
  text
    .replace(`  Manage = "manage",\n`, `  Manage = "manage",\n  Delete = "delete",\n`)
    .replace("[Action.Read, Action.Create]", "[Action.Read, Action.Create, Action.Delete]");

describe("permgen diff", () => {
  test("a permission added under a `*` role is an implicit widening: exit 0 by default, 1 with --fail-on widening", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, addHostDelete);
    const text = runCli(["diff"], dir);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe("");
    expect(text.stdout).toContain("→ working tree: 2 roles widened, 1 permission added\n");
    expect(text.stdout).toContain(
      "  ~ role rt_lead: +1 -0\n      + soc.host.delete (implicit, through \"*\")\n" +
        "  ~ role rt_operator: +1 -0\n      + soc.host.delete (implicit, through \"host.*\")\n",
    );
    expect(text.stdout).toContain("  Go: PermHostDelete added\n");
    expect(text.stdout).toContain("  SQL (generated/sql): row permgen_permission 7 (soc.host.delete) inserted\n");
    expect(runCli(["diff", "--fail-on", "widening"], dir).code).toBe(1);
    expect(runCli(["diff", "--fail-on", "none"], dir).code).toBe(0);
    // Nothing at all changed: even --fail-on any passes.
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), BEFORE);
    const clean = runCli(["diff", "--fail-on", "any"], dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^permgen diff HEAD \([0-9a-f]{12}\) → working tree: no permission, role or grant changed\n$/);
  });

  test("a removed permission is breaking (exit 1) and every target says what goes", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, (t) => t.replace("[Action.Read, Action.Acknowledge]", "[Action.Read]"));
    const { code, report } = diffJson(dir);
    expect(code).toBe(1);
    expect(report.breaking).toEqual([
      {
        rule: "PERMISSION_REMOVED",
        subject: "soc.alert.acknowledge",
        message: `permission "soc.alert.acknowledge" (id 1) is removed: code naming it stops compiling, its rows are deleted`,
      },
    ]);
    expect(report.roles).toEqual([
      { role: "rt_lead", kind: "changed", gained: [], lost: [{ key: "soc.alert.acknowledge", removed: true }] },
      { role: "soc_analyst", kind: "changed", gained: [], lost: [{ key: "soc.alert.acknowledge", removed: true }] },
    ]);
    expect(report.targets.filter((t: { breaking: boolean }) => t.breaking)).toEqual([
      { target: "TypeScript", message: `Permission "soc.alert.acknowledge" removed`, breaking: true },
      { target: "Go", message: "PermAlertAcknowledge removed", breaking: true },
      { target: "SQL (generated/sql)", message: "row permgen_permission 1 (soc.alert.acknowledge) deleted", breaking: true },
    ]);
    expect(runCli(["diff", "--fail-on", "none"], dir).code).toBe(0);
  });

  test("a rename with @renamedFrom is a rename, not a removal: not breaking, before and after generate", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, (t) =>
      t.replace("[Action.Read, Action.Create]", "[Action.Read, /** @renamedFrom host.create */ Action.Manage]"),
    );
    for (const stage of ["before generate", "after generate"]) {
      const { code, report } = diffJson(dir);
      expect({ stage, code, breaking: report.breaking, roles: report.roles }).toEqual({ stage, code: 0, breaking: [], roles: [] });
      expect(report.vocabulary).toEqual([
        { subject: "permission", change: "renamed", name: "soc.host.manage", from: "soc.host.create", id: 3 },
      ]);
      expect(report.targets).toContainEqual({
        target: "SQL (generated/sql)",
        message: "row permgen_permission 3 updated in place (soc.host.create → soc.host.manage)",
        breaking: false,
      });
      expect(runCli(["generate"], dir).code).toBe(0);
    }
  });

  test("a hand-edited lock id is breaking", () => {
    const dir = makeGeneratedRepo();
    const lockFile = path.join(dir, "permgen.lock.json");
    const lock = fs.readFileSync(lockFile, "utf8");
    // soc.alert.read takes the next free id and nextId follows, so the lock stays valid.
    const edited = lock.replace(`"soc.alert.read": 0`, `"soc.alert.read": 7`).replace(`"nextId": 7`, `"nextId": 8`);
    expect(edited).not.toBe(lock);
    fs.writeFileSync(lockFile, edited);
    const { code, report } = diffJson(dir);
    expect(code).toBe(1);
    expect(report.breaking).toEqual([
      {
        rule: "ID_CHANGED",
        subject: "soc.alert.read",
        message: `permission "soc.alert.read" changed id from 0 to 7: stored bits and rows now mean another permission`,
      },
    ]);
  });

  test("a role gains through `resource.*` and the gain names that grant", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, (t) => t.replace(`auditor: ["report.read"]`, `auditor: ["report.read", "alert.*"]`));
    const { code, report } = diffJson(dir, ["--fail-on", "widening"]);
    expect(code).toBe(1);
    expect(report.level).toBe("widening");
    expect(report.roles).toEqual([
      {
        role: "auditor",
        kind: "changed",
        gained: [
          { key: "soc.alert.read", implicit: true, through: "alert.*" },
          { key: "soc.alert.acknowledge", implicit: true, through: "alert.*" },
        ],
        lost: [],
      },
    ]);
  });

  test("a realistic change renders as the committed Markdown, and the JSON validates against the shipped schema", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, (t) =>
      t
        .replace(`  Manage = "manage",\n`, `  Manage = "manage",\n  /** Cut a host off the network. */\n  Isolate = "isolate",\n`)
        .replace("[Action.Read, Action.Create]", "[Action.Read, Action.Create, Action.Isolate]")
        .replace(`  /** @deprecated Use reports. */\n  HostNote = "host.note",\n`, "")
        .replace("  [Resource.HostNote]: [Action.Read],\n", "")
        .replace(`auditor: ["report.read"]`, `/** @renamedFrom auditor */\n  reviewer: ["report.read", "alert.read"]`),
    );
    const markdown = runCli(["diff", "--format", "markdown"], dir);
    expect(markdown.stderr).toBe("");
    expect(markdown.code).toBe(1);
    if (process.env["PERMGEN_UPDATE_GOLDEN"] === "1") {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, markdown.stdout);
    }
    expect(markdown.stdout).toBe(fs.readFileSync(GOLDEN, "utf8"));
    // The README shows this very output.
    const readme = fs.readFileSync(path.join(HERE, "..", "..", "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`\`markdown\n${markdown.stdout}\`\`\`\`\n`);
    // Every table row has exactly its three cells: nothing in a cell split it.
    const rows = markdown.stdout.split("\n").filter((line) => line.startsWith("|"));
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.replaceAll("\\|", "").split("|").length, row).toBe(5);

    const { code, report } = diffJson(dir);
    expect(code).toBe(1);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(DIFF_SCHEMA, "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.roles.map((r: { role: string; kind: string }) => [r.role, r.kind])).toEqual([
      ["reviewer", "renamed"],
      ["rt_lead", "changed"],
      ["rt_operator", "changed"],
    ]);
    // The shipped schema is strict: a field it does not document fails validation.
    expect(validate({ ...report, extra: 1 })).toBe(false);
  });

  test("--verbose reports description changes; hostile JSDoc stays on its line in text and Markdown", () => {
    const dir = makeGeneratedRepo();
    const hostile = "a | b `c` <script>x</script>\u2028::error title=spoof::hi";
    editSchema(dir, (t) => t.replace(`  Host = "host",`, `  /** ${hostile} */\n  Host = "host",`));
    // Without --verbose a description is not a change (not even for --fail-on any).
    const quiet = runCli(["diff", "--fail-on", "any"], dir);
    expect([quiet.code, quiet.stdout]).toEqual([0, expect.stringMatching(/: no permission, role or grant changed\n$/)]);
    const text = runCli(["diff", "--verbose", "--fail-on", "any"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout.split("\n")).toContain(
      `  ~ resource host: description null → "a | b \`c\` <script>x</script>\\n::error title=spoof::hi"`,
    );
    const markdown = runCli(["diff", "--verbose", "--format", "markdown"], dir);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(
      "- described resource `host`: _none_ → a \\| b \\`c\\` &lt;script&gt;x&lt;/script&gt;<br>::error title=spoof::hi\n",
    );
  });

  test("a ref that does not exist exits 2 with a clear message and prints no report", () => {
    const dir = makeGeneratedRepo();
    const run = runCli(["diff", "--against", "no-such-branch"], dir);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        `permgen.config.json:1:1: error PG0801: the ref "no-such-branch" does not name a commit in this repository; ` +
        "pass --against with a branch, tag or commit (under GitHub Actions, fetch the base branch: actions/checkout with fetch-depth: 0)\n1 error\n",
    });
    // An option-shaped ref is a name, never an option to git.
    expect(runCli(["diff", "--against=--output=/tmp/x"], dir).code).toBe(2);
    // A tree is not a commit.
    expect(runCli(["diff", "--against", "HEAD^{tree}"], dir).code).toBe(2);
  });

  test("a bad schema at the ref exits 2, positioned at REF:path:line:col", () => {
    const dir = makeGeneratedRepo();
    editSchema(dir, (t) => t.replace(`  Read = "read",`, "  Read = 1,"));
    commitAll(dir, "broken");
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), BEFORE);
    const run = runCli(["diff"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("HEAD:schema/permissions.ts:11:10: error PG0201: Action.Read must have a string value, found 1\n1 error\n");
  });

  test("constraint changes read from real schemas: text, Markdown and JSON list exactly them; a loosening is widening", () => {
    const dir = makeGeneratedRepo(CONSTRAINED);
    editSchema(dir, (t) =>
      t
        .replace(
          `exclusive: [["host.*", "alert.acknowledge"]],`,
          `exclusive: [["host.*", "alert.acknowledge"], ["user.manage", "alert.acknowledge"]],`,
        )
        .replace(`    "user.manage": ["rt_lead"],\n`, "")
        .replace(`"host.create": ["rt_lead", "rt_operator"]`, `"host.create": ["rt_lead", "rt_operator", "soc_analyst"]`),
    );
    const text = runCli(["diff"], dir);
    expect(text.stderr).toBe("");
    // Nothing breaks and no role gains yet, so the default (--fail-on breaking) passes.
    expect(text.code).toBe(0);
    expect(text.stdout.replace(/\([0-9a-f]{12}\)/, "(C)")).toBe(
      "permgen diff HEAD (C) → working tree: no access changed\n" +
        "Constraint changes:\n" +
        "  + exclusive user.manage, alert.acknowledge\n" +
        "  ~ restricted host.create (roles: rt_lead, rt_operator → rt_lead, rt_operator, soc_analyst) (loosened)\n" +
        "  - restricted user.manage (roles: rt_lead → -) (loosened)\n",
    );
    const markdown = runCli(["diff", "--format", "markdown"], dir);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe(
      "### permgen diff: `HEAD` → this change\n\n" +
        "No access changed.\n\n" +
        "#### Constraint changes\n\n" +
        "- added exclusive `user.manage` + `alert.acknowledge`\n" +
        "- changed restricted `host.create` (roles: `rt_lead`, `rt_operator` → `rt_lead`, `rt_operator`, `soc_analyst`), **loosened**\n" +
        "- removed restricted `user.manage` (roles: `rt_lead` → none), **loosened**\n",
    );
    const { code, report } = diffJson(dir);
    expect(code).toBe(0);
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(DIFF_SCHEMA, "utf8")));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect([report.level, report.breaking, report.roles, report.vocabulary, report.targets]).toEqual([
      "widening",
      [],
      [],
      [],
      [],
    ]);
    expect(report.constraints).toEqual([
      { constraint: "exclusive", change: "added", subject: ["user.manage", "alert.acknowledge"], loosens: false },
      {
        constraint: "restricted",
        change: "changed",
        subject: "host.create",
        rolesBefore: ["rt_lead", "rt_operator"],
        rolesAfter: ["rt_lead", "rt_operator", "soc_analyst"],
        loosens: true,
      },
      { constraint: "restricted", change: "removed", subject: "user.manage", rolesBefore: ["rt_lead"], loosens: true },
    ]);
    // A guard removed is what a widening gate is for: no role gains yet, the next grant would.
    expect(runCli(["diff", "--fail-on", "widening"], dir).code).toBe(1);
    expect(runCli(["diff", "--fail-on", "any"], dir).code).toBe(1);

    // Tightening alone (a set added) is reported at `any` only.
    fs.writeFileSync(
      path.join(dir, "schema", "permissions.ts"),
      CONSTRAINED.replace(
        `exclusive: [["host.*", "alert.acknowledge"]],`,
        `exclusive: [["host.*", "alert.acknowledge"], ["user.manage", "alert.acknowledge"]],`,
      ),
    );
    expect(diffJson(dir).report.level).toBe("any");
    expect(runCli(["diff", "--fail-on", "widening"], dir).code).toBe(0);
    expect(runCli(["diff", "--fail-on", "any"], dir).code).toBe(1);
  });

  test("a permission a `resource.*` entry now covers is no constraint change", () => {
    const dir = makeGeneratedRepo(CONSTRAINED);
    editSchema(dir, (t) =>
      t
        .replace(`  Manage = "manage",\n`, `  Manage = "manage",\n  Delete = "delete",\n`)
        .replace("[Action.Read, Action.Create]", "[Action.Read, Action.Create, Action.Delete]"),
    );
    const { code, report } = diffJson(dir, ["--fail-on", "any"]);
    expect(code).toBe(1);
    expect(report.constraints).toEqual([]);
    expect(report.vocabulary).toEqual([
      { subject: "action", change: "added", name: "delete" },
      { subject: "permission", change: "added", name: "soc.host.delete", id: 7 },
    ]);
  });

  test("a ref whose schema breaks its own constraints exits 2, both places positioned at the ref", () => {
    const dir = makeGeneratedRepo(CONSTRAINED);
    editSchema(dir, (t) => t.replace(`"user.manage": ["rt_lead"]`, `"user.manage": ["auditor"]`));
    commitAll(dir, "broken");
    // Fixed in the working tree, two lines lower: its line numbers are not the ref's, so the
    // restriction's place inside the message names the ref too.
    fs.writeFileSync(path.join(dir, "schema", "permissions.ts"), `// The vocabulary.\n\n${CONSTRAINED}`);
    const run = runCli(["diff"], dir);
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr:
        `HEAD:schema/permissions.ts:26:3: error PG0315: rt_lead holds soc.user.manage through "user.manage", ` +
        "but only auditor may (restricted at HEAD:schema/permissions.ts:35:5)\n1 error\n",
    });
    const json = runCli(["diff", "--format", "json"], dir);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).diagnostics).toEqual([
      expect.objectContaining({ code: "PG0315", file: "HEAD:schema/permissions.ts", line: 26, column: 3 }),
    ]);
  });

  test("a ref where permgen was not set up yet: everything is added, which is not breaking", () => {
    const dir = makeRepo();
    repos.push(dir);
    fs.writeFileSync(path.join(dir, "README.md"), "before permgen\n");
    commitAll(dir, "before permgen");
    fs.writeFileSync(path.join(dir, "permgen.config.json"), JSON.stringify(CONFIG, null, 2));
    writeSchema(dir, BEFORE);
    const { code, report } = diffJson(dir);
    expect(code).toBe(0);
    expect(report.against.setUp).toBe(false);
    expect(report.summary).toEqual({
      breaking: 0,
      rolesWidened: 4,
      rolesNarrowed: 0,
      permissionsAdded: 7,
      permissionsRemoved: 0,
      permissionsRenamed: 0,
      rolesAdded: 4,
      rolesRemoved: 0,
    });
    expect(report.vocabulary.every((v: { change: string }) => v.change === "added")).toBe(true);
    expect(report.roles.every((r: { kind: string }) => r.kind === "added")).toBe(true);
    expect(runCli(["diff", "--fail-on", "widening"], dir).code).toBe(1);
  });

  test("under GitHub Actions on a pull request: compares with origin/$GITHUB_BASE_REF and appends to the job summary", () => {
    const dir = makeGeneratedRepo();
    // The base branch where actions/checkout with fetch-depth: 0 leaves it.
    fs.mkdirSync(path.join(dir, ".git", "refs", "remotes", "origin"), { recursive: true });
    const head = fs.readFileSync(path.join(dir, ".git", "HEAD"), "utf8");
    const branch = head.replace(/^ref: refs\/heads\//, "").trim();
    fs.writeFileSync(path.join(dir, ".git", "refs", "remotes", "origin", "main"),
      fs.readFileSync(path.join(dir, ".git", "refs", "heads", branch), "utf8"));
    editSchema(dir, addHostDelete);
    const summary = path.join(dir, "..", `${path.basename(dir)}-summary.md`);
    repos.push(summary);
    fs.writeFileSync(summary, "## an earlier step\n");
    const env = { GITHUB_ACTIONS: "true", GITHUB_BASE_REF: "main", GITHUB_STEP_SUMMARY: summary };
    const run = runCli(["diff"], dir, env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^permgen diff origin\/main \(/);
    const markdown = runCli(["diff", "--format", "markdown"], dir, env).stdout;
    expect(markdown).toMatch(/^### permgen diff: `origin\/main` → this change\n/);
    // Appended twice (one per run), after what was there: never truncated.
    expect(fs.readFileSync(summary, "utf8")).toBe(`## an earlier step\n${markdown}\n${markdown}\n`);
    // Without GITHUB_BASE_REF (a push event) the default is HEAD.
    const push = runCli(["diff"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(push.stdout).toMatch(/^permgen diff HEAD \(/);
  });
});
