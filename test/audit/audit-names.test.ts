/**
 * `permgen audit` with the targets' `names` option: the fixture app of test/fixtures/audit/app
 * with every guard and vocabulary type renamed in the config and in its consumers is audited
 * exactly like the default-named app (messages spell the renamed symbols), and consumers that
 * still import the default names from the renamed modules enforce nothing: those names do not
 * exist there. The Go rbac form (`permissionType`/`maskType`) is read in-process.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildExportNames } from "../../src/audit/generated-exports.js";
import type { GeneratedModules } from "../../src/audit/scan-result.js";
import { scanGo } from "../../src/audit/scan-go.js";
import { scanPython } from "../../src/audit/scan-python.js";
import { scanTypeScript } from "../../src/audit/scan-typescript.js";
import { buildGoPermissionNames, buildVocabularyIndex } from "../../src/audit/vocabulary-index.js";
import { ensureBuilt, makeRepo, runCli } from "../cli/run-cli.js";
import { modelFromSource } from "../helpers/model.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const APP = path.join(HERE, "..", "fixtures", "audit", "app");

/** The renames, per target language: the config's `names` and the consumers' spelling. */
const NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  typescript: { requirePermission: "needPermission", hasPermission: "holdsPermission", Resource: "Res", Action: "Act", permissionKey: "keyOf" },
  python: { require_permission: "needs", Resource: "Res", Action: "Act", Permission: "Perm" },
  go: { RequirePermission: "Need", PermissionMask: "Mask" },
  rust: { require_permission: "need", has_permission: "holds", Resource: "Res", Action: "Act", Permission: "Perm", PermissionDenied: "Denied" },
};
const EXTENSIONS: Readonly<Record<string, string>> = { ".ts": "typescript", ".py": "python", ".go": "go", ".rs": "rust" };
const repos: string[] = [];

/** Every file below `dir`. */
function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * A generated copy of the fixture app: with `rename`, every code target gets NAMES in its config;
 * with `consumers`, the app's own sources (not the schema) are rewritten to the new names too.
 */
function makeApp(rename: boolean, consumers: boolean): string {
  const dir = makeRepo();
  repos.push(dir);
  fs.cpSync(APP, dir, { recursive: true });
  if (rename) {
    const configFile = path.join(dir, "permgen.config.json");
    const config = JSON.parse(fs.readFileSync(configFile, "utf8")) as { targets: { language: string; names?: Record<string, string> }[] };
    for (const target of config.targets) {
      const names = NAMES[target.language];
      if (names !== undefined) target.names = { ...names };
    }
    fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  }
  if (consumers) {
    for (const top of ["backend", "web", "services", "crates"]) {
      for (const file of walk(path.join(dir, top))) {
        const names = NAMES[EXTENSIONS[path.extname(file)] ?? ""];
        if (names === undefined) continue;
        const text = fs.readFileSync(file, "utf8");
        fs.writeFileSync(file, text.replace(/\b[A-Za-z_]\w*\b/g, (word) => names[word] ?? word));
      }
    }
  }
  const generated = runCli(["generate"], dir);
  expect(generated.stderr).toBe("");
  expect(generated.code).toBe(0);
  return dir;
}

let plain: string;

beforeAll(() => {
  ensureBuilt();
  plain = runCli(["audit", "--verbose"], makeApp(false, false)).stdout;
});

afterAll(() => {
  for (const dir of repos) fs.rmSync(dir, { recursive: true, force: true });
});

describe("permgen audit reads each module as its names option made it", () => {
  test("renamed guards and types, used under their new names: the same findings as the default-named app", () => {
    const dir = makeApp(true, true);
    // The renamed code really is what the consumers now call.
    expect(fs.readFileSync(path.join(dir, "backend/app/permission_taxonomy.py"), "utf8")).toMatch(/^def needs\(/m);
    expect(fs.readFileSync(path.join(dir, "web/src/generated/permissions.ts"), "utf8")).toMatch(/export function needPermission\b/);
    const run = runCli(["audit", "--verbose"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    // Only the symbols a message names are spelt the new way, and the "lead" string in main.go
    // moved left by the two `PermissionMask{}` before it that are now `Mask{}`.
    const shift = 2 * ("PermissionMask".length - "Mask".length);
    const expected = plain
      .replace("RequirePermission names the deprecated", "Need names the deprecated")
      .replace("has_permission names the deprecated", "holds names the deprecated")
      .replace("main.go:18:82:", `main.go:18:${82 - shift}:`)
      .replaceAll("require_permission", "needs")
      .replaceAll(/permissionKey\(Resource\.(\w+), Action\.(\w+)\)/g, "keyOf(Res.$1, Act.$2)");
    expect(expected).not.toBe(plain);
    expect(run.stdout).toBe(expected);
    expect(run.stdout).toContain("(12 files, 14 enforcement sites, 5 exempted)");
  });

  test("the default names imported from modules that renamed them enforce nothing", () => {
    const run = runCli(["audit"], makeApp(true, false));
    expect(run.code).toBe(1);
    const unenforced = [...run.stdout.matchAll(/PA0001: permission "([^"]+)"/g)].map((m) => m[1]).sort();
    // Only Go's mask.Has(authz.PermEngagementRead) remains: Has is a method and PermX a
    // vocabulary constant, neither renamed; engagement.delete is @unenforced.
    expect(unenforced).toEqual([
      "soc.alert.acknowledge",
      "soc.alert.read",
      "soc.audit.read",
      "soc.engagement.create",
      "soc.host.note.read",
      "soc.report.export",
      "soc.report.read",
    ]);
    const unguarded = [...run.stdout.matchAll(/PA0003: route .*? \((\w+)\) has no/g)].map((m) => m[1]).sort();
    // Every route but the public /health: no FastAPI dependency names the module's `needs`.
    expect(unguarded).toEqual(["acknowledge", "create_engagement", "list_alerts", "list_engagements", "list_reports", "raw_report", "version"]);
    expect(run.stdout).toContain("has no needs dependency");
    expect(run.stdout).not.toContain("PA0005");
    // The Rust file's "ignore deprecated-use" has no site left to exempt.
    expect(run.stdout).toContain("(12 files, 1 enforcement site, 4 exempted)");
  });
});

describe("scanners with renamed exports, in-process", () => {
  const model = modelFromSource(REFERENCE_SCHEMA);
  const index = buildVocabularyIndex(model);
  const R = "/repo";
  const modules = (go: GeneratedModules["go"]): GeneratedModules => ({
    root: R,
    typescript: [{ file: `${R}/web/gen.ts`, exports: buildExportNames("typescript", { names: { requirePermission: "can" } }, model) }],
    python: [{ file: `${R}/app/perm.py`, exports: buildExportNames("python", { names: { check_permission: "check" }, fastapi: false }, model) }],
    go,
    rust: [],
  });

  test("TypeScript and Python: the new name is the guard, the old one and a missing FastAPI guard are not", async () => {
    const generated = modules([]);
    const ts = scanTypeScript(
      `${R}/web/a.ts`,
      [
        `import { can, requirePermission, Resource, Action } from "./gen";`,
        `import * as g from "./gen";`,
        `can(Resource.Alert, Action.Read);`,
        `requirePermission(Resource.User, Action.Manage);`,
        `g.can(g.Resource.User, g.Action.Manage);`,
        `g.requirePermission(g.Resource.Alert, g.Action.Acknowledge);`,
      ].join("\n"),
      index,
      generated,
    );
    expect(ts.sites.map((s) => [s.key, s.guard])).toEqual([
      ["soc.alert.read", "can"],
      ["soc.user.manage", "can"],
    ]);
    const py = await scanPython(
      `${R}/app/x.py`,
      [
        `from app.perm import Action, Resource, check, check_permission, require_permission`,
        `check(granted, Resource.ALERT, Action.READ)`,
        `check_permission(granted, Resource.USER, Action.MANAGE)`,
        // fastapi: false emits no require_permission at all.
        `require_permission(Resource.ALERT, Action.ACKNOWLEDGE)`,
      ].join("\n"),
      index,
      generated,
    );
    expect(py.sites.map((s) => [s.key, s.guard])).toEqual([["soc.alert.read", "check"]]);
  });

  test("Go rbac form: mask.Has(perm.PermX) is a guard through the rbac mask; there is no RequirePermission", async () => {
    const exports = buildExportNames("go", { permissionType: "example.com/rbac.Permission" }, model);
    expect(exports.has("RequirePermission")).toBe(false);
    expect(exports.get("SchemaDigest")).toBe("SchemaDigest");
    const generated = modules([{ dir: `${R}/svc/perm`, importPath: "example.com/svc/perm", packageName: "perm", exports, mask: "rbac.PermissionMask" }]);
    const scan = await scanGo(
      `${R}/svc/cmd/main.go`,
      [
        `package main`,
        `import (`,
        `\t"example.com/rbac"`,
        `\t"example.com/svc/perm"`,
        `)`,
        `func f(m rbac.PermissionMask) { m.Has(perm.PermUserManage); _ = perm.RequirePermission(m, perm.ResourceAlert, perm.ActionRead) }`,
      ].join("\n"),
      index,
      generated,
    );
    expect(scan.sites.map((s) => [s.key, s.guard])).toEqual([["soc.user.manage", "rbac.PermissionMask.Has"]]);
  });

  test("Go own types renamed: the new RequirePermission name counts, inside the package too", async () => {
    const exports = buildExportNames("go", { names: { RequirePermission: "Need" } }, model);
    const generated = modules([{ dir: `${R}/svc/perm`, importPath: "example.com/svc/perm", packageName: "perm", exports, mask: "PermissionMask" }]);
    const outside = await scanGo(
      `${R}/svc/cmd/main.go`,
      `package main\nimport p "example.com/svc/perm"\nfunc f(m p.PermissionMask) { _ = p.Need(m, p.ResourceAlert, p.ActionRead); _ = p.RequirePermission(m, p.ResourceUser, p.ActionManage) }\n`,
      index,
      generated,
    );
    expect(outside.sites.map((s) => [s.key, s.guard])).toEqual([["soc.alert.read", "Need"]]);
    const inside = await scanGo(`${R}/svc/perm/use.go`, `package perm\nfunc g(m PermissionMask) error { return Need(m, ResourceUser, ActionManage) }\n`, index, generated);
    expect(inside.sites.map((s) => s.key)).toEqual(["soc.user.manage"]);
  });

  test("Go constantNames: each package's sites are read by its own table; the index names by the first", async () => {
    const orders = modelFromSource(
      `export enum Resource { Orders = "orders" }\nexport enum Action { Read = "read", Write = "write" }\nexport const permissions = { [Resource.Orders]: [Action.Read, Action.Write] } as const;\n`,
    );
    const exports = buildExportNames("go", { permissionType: "example.com/rbac.Permission" }, orders);
    const pkg = (dir: string, constantNames: "key" | "action") => ({
      dir: `${R}/${dir}`,
      importPath: `example.com/${dir}`,
      packageName: dir,
      exports,
      mask: "rbac.PermissionMask",
      permissions: buildGoPermissionNames(orders, { constantNames }),
    });
    const generated = { ...modules([pkg("orders", "action"), pkg("perm", "key")]), typescript: [], python: [] };
    const byAction = buildVocabularyIndex(orders, { constantNames: "action" });
    const scan = await scanGo(
      `${R}/api/api.go`,
      [
        `package api`,
        `import (`,
        `	"example.com/orders"`,
        `	"example.com/perm"`,
        `	"example.com/rbac"`,
        `)`,
        `func f(m rbac.PermissionMask) { m.Has(orders.PermWrite); m.Has(perm.PermOrdersRead); m.Has(orders.PermOrdersRead); m.Has(perm.PermRead) }`,
      ].join("\n"),
      byAction,
      generated,
    );
    expect(scan.sites.map((s) => [s.key, s.guard])).toEqual([
      ["orders.write", "rbac.PermissionMask.Has"],
      ["orders.read", "rbac.PermissionMask.Has"],
    ]);
    const inside = await scanGo(`${R}/orders/h.go`, `package orders\nfunc g(m rbac.PermissionMask) bool { return m.Has(PermRead) }\n`, byAction, generated);
    expect(inside.sites.map((s) => s.key)).toEqual(["orders.read"]);
    const read = orders.permissions[0];
    expect(read === undefined ? undefined : byAction.names.go.permissionName(read)).toBe("PermRead");
    expect(read === undefined ? undefined : buildVocabularyIndex(orders).names.go.permissionName(read)).toBe("PermOrdersRead");
  });
});
