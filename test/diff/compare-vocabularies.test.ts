/**
 * The diff stage on hand-built models (test/helpers/hand-model.ts), independent of the schema
 * reader: constraint changes (the cases a schema can hardly set up: a renamed role in a
 * restriction, a `resource.*` entry that grows; test/cli/diff.test.ts reads real ones), id
 * rules, wildcard attribution, and the Markdown renderer's escaping of hostile schema text.
 */
import { describe, expect, test } from "vitest";
import type { DiffSide } from "../../src/diff/compare-vocabularies.js";
import { compareVocabularies } from "../../src/diff/compare-vocabularies.js";
import { failsAt } from "../../src/diff/diff-report.js";
import { renderDiffMarkdown } from "../../src/diff/render-markdown.js";
import type { Lock } from "../../src/lock/lock.js";
import type { Model, ModelConstraints } from "../../src/model/model.js";
import { makeModel, type ModelSpec } from "../helpers/hand-model.js";

const BASE: ModelSpec = {
  namespace: "soc",
  resources: [
    ["Host", "host"],
    ["Payment", "payment"],
  ],
  actions: [
    ["Read", "read"],
    ["Create", "create"],
    ["Approve", "approve"],
  ],
  permissions: [
    ["host", ["read", "create"]],
    ["payment", ["create", "approve"]],
  ],
  roles: [
    ["lead", ["*"]],
    ["operator", ["host.*"]],
    ["clerk", ["payment.create"]],
  ],
};

/** A side whose lock holds exactly the model's ids (plus what `lock` adds). */
function side(model: Model, lock: Partial<Lock> = {}): DiffSide {
  const active = new Map(model.permissions.map((p) => [p.key, p.id]));
  const ids = [...active.values(), ...(lock.retired?.values() ?? [])];
  return {
    model,
    lock: { version: 1, nextId: Math.max(-1, ...ids) + 1, active, retired: new Map(), ...lock },
    targets: [],
  };
}

const AGAINST = { ref: "origin/main", commit: "0".repeat(40), setUp: true };

/** An exclusive set as the model holds it: its entries as written, and the keys they cover. */
function exclusiveSet(...entries: string[]): ModelConstraints["exclusive"][number] {
  const keys = entries.flatMap((e) => (e === "host.*" ? ["soc.host.read", "soc.host.create"] : [`soc.${e}`]));
  return { entries, keys };
}

describe("constraint changes", () => {
  const withConstraints = (constraints: ModelConstraints, spec: Partial<ModelSpec> = {}): Model =>
    makeModel({ ...BASE, ...spec, constraints });

  test("an exclusive set added, one removed (order of entries does not matter), a restriction changed", () => {
    const before = withConstraints({
      exclusive: [exclusiveSet("payment.create", "payment.approve"), exclusiveSet("host.create", "payment.approve")],
      restricted: [
        { pattern: "host.*", keys: ["soc.host.read", "soc.host.create"], roles: ["lead", "operator"] },
        { pattern: "payment.approve", keys: ["soc.payment.approve"], roles: ["lead"] },
      ],
    });
    const after = withConstraints({
      exclusive: [exclusiveSet("payment.approve", "payment.create"), exclusiveSet("host.read", "payment.create")],
      restricted: [
        { pattern: "host.*", keys: ["soc.host.read", "soc.host.create"], roles: ["operator", "lead", "clerk"] },
        { pattern: "payment.create", keys: ["soc.payment.create"], roles: ["clerk"] },
      ],
    });
    const diff = compareVocabularies(side(before), side(after), { descriptions: false });
    expect(diff.constraints).toEqual([
      { constraint: "exclusive", change: "added", subject: ["host.read", "payment.create"], loosens: false },
      { constraint: "exclusive", change: "removed", subject: ["host.create", "payment.approve"], loosens: true },
      {
        constraint: "restricted",
        change: "changed",
        subject: "host.*",
        rolesBefore: ["lead", "operator"],
        rolesAfter: ["operator", "lead", "clerk"],
        loosens: true,
      },
      { constraint: "restricted", change: "added", subject: "payment.create", rolesAfter: ["clerk"], loosens: false },
      { constraint: "restricted", change: "removed", subject: "payment.approve", rolesBefore: ["lead"], loosens: true },
    ]);
    // No role gains anything, but guards are gone: widening, not breaking.
    expect(diff.roles).toEqual([]);
    expect(diff.breaking).toEqual([]);
    expect([failsAt(diff, "any"), failsAt(diff, "widening"), failsAt(diff, "breaking")]).toEqual([true, true, false]);
    expect(renderDiffMarkdown(diff, AGAINST)).toContain(
      "#### Constraint changes\n\n" +
        "- added exclusive `host.read` + `payment.create`\n" +
        "- removed exclusive `host.create` + `payment.approve`, **loosened**\n" +
        "- changed restricted `host.*` (roles: `lead`, `operator` → `operator`, `lead`, `clerk`), **loosened**\n" +
        "- added restricted `payment.create` (roles: none → `clerk`)\n" +
        "- removed restricted `payment.approve` (roles: `lead` → none), **loosened**\n",
    );
  });

  test("tightening only (a set added, a restriction losing a role) is `any`, not widening", () => {
    const before = withConstraints({
      exclusive: [],
      restricted: [{ pattern: "host.*", keys: [], roles: ["lead", "operator"] }],
    });
    const after = withConstraints({
      exclusive: [exclusiveSet("payment.create", "payment.approve")],
      restricted: [{ pattern: "host.*", keys: [], roles: ["lead"] }],
    });
    const diff = compareVocabularies(side(before), side(after), { descriptions: false });
    expect(diff.constraints.map((c) => [c.constraint, c.change, c.loosens])).toEqual([
      ["exclusive", "added", false],
      ["restricted", "changed", false],
    ]);
    expect([failsAt(diff, "any"), failsAt(diff, "widening")]).toEqual([true, false]);
  });

  test("the same constraints in another order are no change", () => {
    const a = withConstraints({
      exclusive: [exclusiveSet("payment.create", "payment.approve")],
      restricted: [{ pattern: "host.*", keys: [], roles: ["lead", "operator"] }],
    });
    const b = withConstraints({
      exclusive: [exclusiveSet("payment.approve", "payment.create")],
      restricted: [{ pattern: "host.*", keys: [], roles: ["operator", "lead"] }],
    });
    expect(compareVocabularies(side(a), side(b), { descriptions: false }).constraints).toEqual([]);
  });

  test("a set is its entries as written: `host.*` covering a new permission is no constraint change", () => {
    const before = withConstraints({ exclusive: [exclusiveSet("host.*", "payment.approve")], restricted: [] });
    const after = withConstraints(
      {
        exclusive: [
          {
            entries: ["host.*", "payment.approve"],
            keys: ["soc.host.read", "soc.host.create", "soc.host.delete", "soc.payment.approve"],
          },
        ],
        restricted: [],
      },
      {
        actions: [...BASE.actions, ["Delete", "delete"]],
        permissions: [["host", ["read", "create", "delete"]], ["payment", ["create", "approve"]]],
      },
    );
    const diff = compareVocabularies(side(before), side(after), { descriptions: false });
    expect(diff.constraints).toEqual([]);
    expect(diff.vocabulary).toContainEqual(
      expect.objectContaining({ subject: "permission", change: "added", name: "soc.host.delete" }),
    );
  });

  test("a restriction naming a renamed role by its new name is no change", () => {
    const before = withConstraints({ exclusive: [], restricted: [{ pattern: "host.*", keys: [], roles: ["operator"] }] });
    const after = withConstraints(
      { exclusive: [], restricted: [{ pattern: "host.*", keys: [], roles: ["host_admin"] }] },
      { roles: [["lead", ["*"]], ["host_admin", ["host.*"]], ["clerk", ["payment.create"]]] },
    );
    const renamed = side(after, { renamedRoles: new Map([["operator", "host_admin"]]) });
    const diff = compareVocabularies(side(before), renamed, { descriptions: false });
    expect(diff.roles).toEqual([{ role: "host_admin", kind: "renamed", from: "operator", gained: [], lost: [] }]);
    expect(diff.constraints).toEqual([]);
    // Naming another role than the renamed one is a change, and a loosening.
    const other = withConstraints({ exclusive: [], restricted: [{ pattern: "host.*", keys: [], roles: ["clerk"] }] });
    expect(compareVocabularies(side(before), side(other), { descriptions: false }).constraints).toEqual([
      {
        constraint: "restricted",
        change: "changed",
        subject: "host.*",
        rolesBefore: ["operator"],
        rolesAfter: ["clerk"],
        loosens: true,
      },
    ]);
  });

  test("a ref without permgen: every constraint is added", () => {
    const after = withConstraints({ exclusive: [exclusiveSet("host.read", "host.create")], restricted: [] });
    expect(compareVocabularies(undefined, side(after), { descriptions: false }).constraints).toEqual([
      { constraint: "exclusive", change: "added", subject: ["host.read", "host.create"], loosens: false },
    ]);
  });
});

describe("ids and wildcards", () => {
  test("a new action reaches `*` and `host.*` implicitly, naming the narrowest grant", () => {
    const before = makeModel(BASE);
    const after = makeModel({
      ...BASE,
      actions: [...BASE.actions, ["Delete", "delete"]],
      permissions: [["host", ["read", "create", "delete"]], BASE.permissions[1] ?? ["payment", []]],
      ids: { "soc.host.read": 0, "soc.host.create": 1, "soc.host.delete": 4, "soc.payment.create": 2, "soc.payment.approve": 3 },
    });
    const diff = compareVocabularies(side(before), side(after), { descriptions: false });
    expect(diff.roles).toEqual([
      { role: "lead", kind: "changed", gained: [{ key: "soc.host.delete", implicit: true, through: "*" }], lost: [] },
      { role: "operator", kind: "changed", gained: [{ key: "soc.host.delete", implicit: true, through: "host.*" }], lost: [] },
    ]);
    expect(failsAt(diff, "widening")).toBe(true);
    expect(failsAt(diff, "breaking")).toBe(false);
  });

  test("two keys that swap ids are two changed ids; a key taking a retired id reuses it", () => {
    const before = makeModel(BASE);
    const swapped = makeModel({
      ...BASE,
      ids: { "soc.host.read": 1, "soc.host.create": 0, "soc.payment.create": 2, "soc.payment.approve": 7 },
    });
    const diff = compareVocabularies(
      side(before, { retired: new Map([["soc.host.delete", 7]]) }),
      side(swapped),
      { descriptions: false },
    );
    expect(diff.breaking.map((b) => [b.rule, b.subject])).toEqual([
      ["ID_CHANGED", "soc.host.read"],
      ["ID_CHANGED", "soc.host.create"],
      ["ID_CHANGED", "soc.payment.approve"],
    ]);
    const reuse = makeModel({
      ...BASE,
      permissions: [["host", ["read", "create"]], ["payment", ["create"]]],
      resources: BASE.resources,
    });
    const reuser = makeModel({
      ...BASE,
      actions: [...BASE.actions, ["Delete", "delete"]],
      permissions: [["host", ["read", "create", "delete"]], ["payment", ["create"]]],
      ids: { "soc.host.read": 0, "soc.host.create": 1, "soc.host.delete": 3, "soc.payment.create": 2 },
    });
    const reused = compareVocabularies(
      side(reuse, { retired: new Map([["soc.payment.approve", 3]]) }),
      side(reuser),
      { descriptions: false },
    );
    expect(reused.breaking.map((b) => b.rule)).toEqual(["ID_REUSED"]);
    expect(reused.breaking[0]?.message).toContain(`which was "soc.payment.approve"'s (retired)`);
  });

  test("a key whose id another key held is a rename only when the lock records it", () => {
    const before = makeModel(BASE);
    const after = makeModel({
      ...BASE,
      actions: [...BASE.actions, ["Delete", "delete"]],
      permissions: [["host", ["read", "delete"]], BASE.permissions[1] ?? ["payment", []]],
      ids: { "soc.host.delete": 1 },
    });
    const recorded = compareVocabularies(
      side(before),
      side(after, { renamed: new Map([["soc.host.create", "soc.host.delete"]]) }),
      { descriptions: false },
    );
    expect(recorded.breaking).toEqual([]);
    expect(recorded.vocabulary).toContainEqual({
      subject: "permission",
      change: "renamed",
      name: "soc.host.delete",
      from: "soc.host.create",
      id: 1,
    });
    const unrecorded = compareVocabularies(side(before), side(after), { descriptions: false });
    expect(unrecorded.breaking.map((b) => b.rule)).toEqual(["ID_REUSED", "PERMISSION_REMOVED"]);
  });
});

describe("Markdown escaping of schema text", () => {
  test("descriptions and deprecation reasons with pipes, backticks, HTML and newlines stay in their line", () => {
    const hostile = "a | b `code` <script>alert(1)</script>\n| --- |\n# heading";
    const before = makeModel(BASE);
    const after = makeModel({
      ...BASE,
      resources: [
        ["Host", "host", { description: hostile }],
        ["Payment", "payment", { deprecated: "use `ledger` | <b>now</b>\nnext line" }],
      ],
    });
    const markdown = renderDiffMarkdown(
      compareVocabularies(side(before), side(after), { descriptions: true }),
      { ...AGAINST, ref: "feature/`x`|<y>" },
    );
    expect(markdown).toBe(
      "### permgen diff: ``feature/`x`|<y>`` → this change\n\n" +
        "No access changed.\n\n" +
        "#### Vocabulary changes\n\n" +
        "- described resource `host`: _none_ → a \\| b \\`code\\` &lt;script&gt;alert(1)&lt;/script&gt;<br>\\| --- \\|<br># heading\n" +
        "- deprecated resource `payment`: use \\`ledger\\` \\| &lt;b&gt;now&lt;/b&gt;<br>next line\n",
    );
    // Every line is one of the lines above: nothing from the schema started a line of its own.
    expect(markdown.split("\n").filter((line) => line.startsWith("|") || line.startsWith("#")).length).toBe(2);
  });
});

describe("long lists", () => {
  test("more than 10 vocabulary changes, or keys in one cell, are folded into <details>", () => {
    const actions = Array.from({ length: 11 }, (_, i) => [`A${i}`, `a${i}`] as const);
    const after = makeModel({
      resources: [["Host", "host"]],
      actions,
      permissions: [["host", actions.map(([, value]) => value)]],
      roles: [["lead", ["*"]]],
    });
    const before = makeModel({ resources: [["Host", "host"]], actions: [], permissions: [], roles: [["lead", ["*"]]] });
    const markdown = renderDiffMarkdown(compareVocabularies(side(before), side(after), { descriptions: false }), AGAINST);
    expect(markdown).toContain("#### Vocabulary changes\n\n<details><summary>22 vocabulary changes</summary>\n\n- added action `a0`\n");
    expect(markdown).toContain("| `lead` | <details><summary>11 permissions</summary>`host.a0` (implicit, through `*`)<br>");
    expect(markdown).toContain("`host.a10` (implicit, through `*`)</details> | |\n");
  });
});

describe("breaking changes outside the keys", () => {
  test("a namespace change without @renamedFrom: every key removed, and the namespace named as the cause", () => {
    const before = makeModel(BASE);
    const after = makeModel({
      ...BASE,
      namespace: "sec",
      ids: { "sec.host.read": 4, "sec.host.create": 5, "sec.payment.create": 6, "sec.payment.approve": 7 },
    });
    const diff = compareVocabularies(side(before), side(after, { retired: new Map() }), { descriptions: false });
    expect(diff.breaking.map((b) => [b.rule, b.subject])).toEqual([
      ["NAMESPACE_CHANGED", "sec"],
      ["PERMISSION_REMOVED", "soc.host.read"],
      ["PERMISSION_REMOVED", "soc.host.create"],
      ["PERMISSION_REMOVED", "soc.payment.create"],
      ["PERMISSION_REMOVED", "soc.payment.approve"],
    ]);
    expect(diff.vocabulary[0]).toEqual({ subject: "namespace", change: "renamed", name: "sec", from: "soc" });
  });

  test("a SQL target's dialect or table names changing is breaking; other targets' options are not", () => {
    const model = makeModel(BASE);
    const sql = (options: Record<string, unknown>) => ({
      options: { language: "sql", out: "/repo/db", dialect: "postgres", ...options },
      outText: "db",
    });
    const go = (pkg: string) => ({ options: { language: "go", out: "/repo/p.go", package: pkg }, outText: "p.go" });
    const before: DiffSide = { ...side(model), targets: [sql({}), go("p")] };
    const after: DiffSide = {
      ...side(model),
      targets: [sql({ dialect: "sqlite", tables: { role: "roles" } }), go("x")],
    };
    const diff = compareVocabularies(before, after, { descriptions: false });
    expect(diff.breaking).toEqual([
      {
        rule: "SQL_TARGET_CHANGED",
        subject: "db",
        message:
          `SQL target "db" changed dialect "postgres" → "sqlite", tables.role "permgen_role" → "roles": ` +
          "the migrations already applied no longer match",
      },
    ]);
    // The same SQL options (defaults spelled out or not) are no change.
    const same = compareVocabularies(
      { ...side(model), targets: [sql({})] },
      { ...side(model), targets: [sql({ tables: { permission: "permgen_permission" } })] },
      { descriptions: false },
    );
    expect(same.breaking).toEqual([]);
  });

  test("a code target's names, constantNames or rbac types changing is breaking; spelled-out defaults are not", () => {
    const model = makeModel(BASE);
    const target = (language: string, out: string, options: Record<string, unknown>) => ({
      options: { language, out: `/repo/${out}`, ...options },
      outText: out,
    });
    const before: DiffSide = {
      ...side(model),
      targets: [
        target("python", "perms.py", { names: { Role: "GroupName", ALL_ROLES: "DEFAULT_GROUPS" } }),
        target("go", "perms.go", {}),
        target("typescript", "perms.ts", { names: { Role: "Group" } }),
      ],
    };
    const after: DiffSide = {
      ...side(model),
      targets: [
        target("python", "perms.py", { names: { Role: "GroupName", ROLE_PERMISSIONS: "GROUP_PERMISSIONS" } }),
        target("go", "perms.go", { constantNames: "action", permissionType: "example.com/rbac.Permission" }),
        target("typescript", "perms.ts", { names: { Role: "Group" } }),
      ],
    };
    const diff = compareVocabularies(before, after, { descriptions: false });
    expect(diff.breaking).toEqual([
      {
        rule: "TARGET_NAMES_CHANGED",
        subject: "perms.py",
        message:
          'python target "perms.py" changed names.ALL_ROLES "DEFAULT_GROUPS" → (default), ' +
          'names.ROLE_PERMISSIONS (default) → "GROUP_PERMISSIONS": ' +
          "code importing the old names or types stops compiling",
      },
      {
        rule: "TARGET_NAMES_CHANGED",
        subject: "perms.go",
        message:
          'go target "perms.go" changed constantNames "key" → "action", ' +
          'permissionType (default) → "example.com/rbac.Permission": ' +
          "code importing the old names or types stops compiling",
      },
    ]);
    // constantNames "key" spelled out is the default: no change.
    const same = compareVocabularies(
      { ...side(model), targets: [target("go", "perms.go", {})] },
      { ...side(model), targets: [target("go", "perms.go", { constantNames: "key" })] },
      { descriptions: false },
    );
    expect(same.breaking).toEqual([]);
  });

  test("Go notices use each side's constantNames: the ref's names what went, the working tree's what came", () => {
    // One domain, as a package under constantNames "action" holds.
    const host: ModelSpec = {
      resources: [["Host", "host"]],
      actions: [
        ["Read", "read"],
        ["Create", "create"],
      ],
      permissions: [["host", ["read", "create"]]],
    };
    const before = makeModel(host);
    const after = makeModel({
      ...host,
      actions: [
        ["Read", "read"],
        ["Delete", "delete"],
      ],
      permissions: [["host", ["read", "delete"]]],
      ids: { "host.read": 0, "host.delete": 2 },
    });
    const go = (constantNames?: string) => ({
      options: { language: "go", out: "/repo/p.go", ...(constantNames === undefined ? {} : { constantNames }) },
      outText: "p.go",
    });
    const notices = (was: string | undefined, now: string | undefined) =>
      compareVocabularies(
        { ...side(before), targets: [go(was)] },
        { ...side(after, { retired: new Map([["host.create", 1]]) }), targets: [go(now)] },
        { descriptions: false },
      )
        .targets.filter((n) => n.target === "Go")
        .map((n) => n.message);
    expect(notices(undefined, undefined)).toEqual(["PermHostCreate removed", "ActionCreate removed", "PermHostDelete added"]);
    expect(notices("action", "action")).toEqual(["PermCreate removed", "ActionCreate removed", "PermDelete added"]);
    expect(notices(undefined, "action")).toEqual(["PermHostCreate removed", "ActionCreate removed", "PermDelete added"]);
  });
});
