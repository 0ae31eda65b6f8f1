/**
 * The scanners on small sources, in-process: what counts as an enforcement site (only calls
 * resolved through an import of the generated module), what counts as a magic string, how
 * routes are judged, and the renderers' escaping of hostile paths and messages.
 */
import { describe, expect, test } from "vitest";
import { buildFindings } from "../../src/audit/build-findings.js";
import { buildExportNames } from "../../src/audit/generated-exports.js";
import { judgeRoutes } from "../../src/audit/fastapi-routes.js";
import type { FileScan, GeneratedModules } from "../../src/audit/scan-result.js";
import { scanGo } from "../../src/audit/scan-go.js";
import { scanPython } from "../../src/audit/scan-python.js";
import { scanRust } from "../../src/audit/scan-rust.js";
import { scanTypeScript } from "../../src/audit/scan-typescript.js";
import { buildVocabularyIndex } from "../../src/audit/vocabulary-index.js";
import { formatAuditAnnotations, formatAuditJson, formatAuditText } from "../../src/cli/audit-report.js";
import { compileGlob } from "../../src/output/source-files.js";
import { REFERENCE_SCHEMA } from "../helpers/reference-schema.js";
import { modelFromSource } from "../helpers/model.js";

const model = modelFromSource(REFERENCE_SCHEMA);
const index = buildVocabularyIndex(model);
const R = "/repo";
const generated: GeneratedModules = {
  root: R,
  typescript: [{ file: `${R}/web/src/generated/permissions.ts`, exports: buildExportNames("typescript", {}, model) }],
  python: [{ file: `${R}/backend/app/permission_taxonomy.py`, exports: buildExportNames("python", {}, model) }],
  go: [
    {
      dir: `${R}/svc/perm`,
      importPath: "example.com/svc/perm",
      packageName: "perm",
      exports: buildExportNames("go", {}, model),
      mask: "PermissionMask",
    },
  ],
  rust: [{ file: `${R}/crates/a/src/permissions.rs`, exports: buildExportNames("rust", {}, model) }],
};
const keys = (scan: FileScan) => scan.sites.map((s) => s.key);

describe("TypeScript sites", () => {
  test("named, renamed and namespace imports of the generated module resolve; other modules do not", () => {
    const scan = scanTypeScript(
      `${R}/web/src/a.ts`,
      [
        `import { requirePermission as rp, Resource as Res, Action } from "./generated/permissions.js";`,
        `import * as perms from "@/generated/permissions";`,
        `import { requirePermission } from "./lookalike";`,
        `rp(Res.Alert, Action.Read);`,
        `perms.hasPermission(g, perms.Resource["EngagementMember"], perms.Action.Manage);`,
        `requirePermission(Res.User, Action.Manage);`,
        `rp(Res.Alert, Action.Manage);`,
      ].join("\n"),
      index,
      generated,
    );
    // The lookalike's requirePermission and the undeclared pair alert.manage name nothing.
    expect(keys(scan)).toEqual(["soc.alert.read", "soc.engagement.member.manage"]);
  });

  test("a file that re-exports the generated module is marked as a barrel", () => {
    const scan = scanTypeScript(`${R}/web/src/auth/index.ts`, `export * from "../generated/permissions";\n`, index, generated);
    const exports = scan.reexports ?? new Map();
    expect(exports.get("requirePermission")).toBe("requirePermission");
    const through = scanTypeScript(
      `${R}/web/src/page.ts`,
      `import { requirePermission, Resource, Action } from "./auth";\nrequirePermission(Resource.User, Action.Manage);\n`,
      index,
      { ...generated, typescript: [...generated.typescript, { file: `${R}/web/src/auth/index.ts`, exports }] },
    );
    expect(keys(through)).toEqual(["soc.user.manage"]);
  });

  test("magic strings: keys with and without namespace and role names, not module specifiers", () => {
    const scan = scanTypeScript(
      `${R}/web/src/b.ts`,
      [`import x from "rt_lead";`, `const a = "soc.alert.read", b = \`alert.read\`, c = "rt_lead", d = "alert";`].join("\n"),
      index,
      generated,
    );
    expect(scan.strings.map((s) => [s.value, s.line, s.column])).toEqual([
      ["soc.alert.read", 2, 11],
      ["alert.read", 2, 33],
      ["rt_lead", 2, 51],
    ]);
  });

  test("a syntax error is reported at its place and the file is skipped", () => {
    const scan = scanTypeScript(`${R}/web/src/c.ts`, `const x = ;\nconst y = "soc.alert.read";`, index, generated);
    expect(scan.syntaxError).toEqual({ line: 1, column: 11, message: "syntax error: Expression expected." });
    expect(scan.strings).toEqual([]);
  });
});

describe("Python sites and routes", () => {
  test("aliases, module imports and relative imports resolve; a lookalike module does not", async () => {
    const scan = await scanPython(
      `${R}/backend/app/routers/x.py`,
      [
        `from app.permission_taxonomy import Resource as R, Action, require_permission as rp`,
        `import app.permission_taxonomy as pt`,
        `from .. import permission_taxonomy as rel`,
        `from other.permission import require_permission`,
        `rp(R.ALERT, Action.READ)`,
        `pt.check_permission(granted, pt.Resource.USER, pt.Action.MANAGE)`,
        `rel.has_permission(granted, resource=rel.Resource.ENGAGEMENT, action=rel.Action.CREATE)`,
        `require_permission(R.ALERT, Action.ACKNOWLEDGE)`,
      ].join("\n"),
      index,
      generated,
    );
    expect(keys(scan)).toEqual(["soc.alert.read", "soc.user.manage", "soc.engagement.create"]);
  });

  test("f-strings and escaped strings are not compared; plain and raw ones are", async () => {
    const scan = await scanPython(`${R}/backend/y.py`, `a = "rt_lead"\nb = f"rt_lead"\nc = r'alert.read'\nd = "rt\\x5flead"\n`, index, generated);
    expect(scan.strings.map((s) => s.value)).toEqual(["rt_lead", "alert.read"]);
  });

  test("a router mounted twice, once without a guard, leaves its routes unguarded", async () => {
    const file = `${R}/backend/app/main.py`;
    const scan = await scanPython(
      file,
      [
        `from fastapi import APIRouter, Depends, FastAPI`,
        `from app.permission_taxonomy import Action, Resource, require_permission`,
        `app = FastAPI()`,
        `inner = APIRouter()`,
        `@inner.get("/x")`,
        `def x(): ...`,
        `app.include_router(inner, dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])`,
        `app.include_router(inner, prefix="/open")`,
        `guarded = FastAPI(dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])`,
        `@guarded.delete("/y")`,
        `def y(): ...`,
      ].join("\n"),
      index,
      generated,
    );
    const verdicts = judgeRoutes([scan], R).map((v) => [v.route.label, v.guarded]);
    expect(verdicts).toEqual([
      ["GET /x", false],
      ["DELETE /y", true],
    ]);
  });

  test("routes of an app built inside a factory function are judged too", async () => {
    const scan = await scanPython(
      `${R}/backend/app/factory.py`,
      [
        `from fastapi import Depends, FastAPI`,
        `from app.permission_taxonomy import Action, Resource, require_permission`,
        `def create_app() -> FastAPI:`,
        `    app = FastAPI()`,
        `    @app.get("/open")`,
        `    def open_route(): ...`,
        `    @app.get("/closed", dependencies=[Depends(require_permission(Resource.ALERT, Action.READ))])`,
        `    def closed_route(): ...`,
        `    return app`,
      ].join("\n"),
      index,
      generated,
    );
    expect(judgeRoutes([scan], R).map((v) => [v.route.label, v.guarded])).toEqual([
      ["GET /open", false],
      ["GET /closed", true],
    ]);
  });

  test("a guard imported from another module counts; a name that only looks like one does not", async () => {
    const deps = await scanPython(
      `${R}/backend/app/deps.py`,
      [
        `from fastapi import Depends`,
        `from app.permission_taxonomy import Action, Resource, require_permission`,
        `can_read = Depends(require_permission(Resource.ALERT, Action.READ))`,
        `def not_a_guard(): ...`,
      ].join("\n"),
      index,
      generated,
    );
    const routes = await scanPython(
      `${R}/backend/app/routes.py`,
      [
        `from fastapi import APIRouter, Depends`,
        `from app.deps import can_read, not_a_guard`,
        `router = APIRouter()`,
        `@router.get("/a", dependencies=[can_read])`,
        `def a(): ...`,
        `@router.get("/b", dependencies=[Depends(not_a_guard)])`,
        `def b(): ...`,
      ].join("\n"),
      index,
      generated,
    );
    expect(judgeRoutes([deps, routes], R).map((v) => [v.route.label, v.guarded])).toEqual([
      ["GET /a", true],
      ["GET /b", false],
    ]);
  });
});

describe("Go and Rust sites", () => {
  test("Go: a renamed import, RequirePermission and mask.Has; another package's names do not count", async () => {
    const scan = await scanGo(
      `${R}/svc/cmd/main.go`,
      [
        `package main`,
        `import (`,
        `\tp "example.com/svc/perm"`,
        `\tother "example.com/other/perm"`,
        `)`,
        `func f(m p.PermissionMask) { _ = p.RequirePermission(m, p.ResourceAlert, p.ActionRead); m.Has(p.PermUserManage); m.Has(other.PermAlertAcknowledge) }`,
      ].join("\n"),
      index,
      generated,
    );
    expect(keys(scan)).toEqual(["soc.alert.read", "soc.user.manage"]);
  });

  test("Rust: use lists with renames, module aliases and glob imports", async () => {
    const scan = await scanRust(
      `${R}/crates/a/src/lib.rs`,
      [
        `mod permissions;`,
        `use crate::permissions::{require_permission as rp, Action, Resource};`,
        `use crate::permissions as p;`,
        `fn f(g: &[p::Permission]) {`,
        `  let _ = rp(g, Resource::Alert, Action::Read);`,
        `  let _ = p::has_permission(g, p::Resource::User, p::Action::Manage);`,
        `  let _ = other::has_permission(g, Resource::Engagement, Action::Create);`,
        `}`,
      ].join("\n"),
      index,
      generated,
    );
    expect(keys(scan)).toEqual(["soc.alert.read", "soc.user.manage"]);
  });
});

describe("findings and their renderers", () => {
  test("a hostile path and message stay on one line in text, annotations and JSON", () => {
    const file = `${R}/web/x\n::error title=Spoofed::y.ts`;
    const scan: FileScan = { file, language: "typescript", sites: [], strings: [{ line: 1, column: 1, value: "rt_lead" }], ignores: [] };
    const { findings, exempted } = buildFindings({ index, scans: [scan], schemaIgnores: new Map(), settings: { unenforced: "off", unheld: "off" }, root: R });
    const report = { findings, exempted, files: 1, sites: 0, root: R, failOn: "error" as const };
    const text = formatAuditText(report, R, false);
    expect(text.split("\n")[0]).toBe(
      `"web/x\\n::error title=Spoofed::y.ts":1:1: error PA0002: "rt_lead" is the role name "rt_lead"; use Role.RtLead from the generated code instead of a string`,
    );
    expect(formatAuditAnnotations(report, R)).toBe(
      `::error file=web/x%0A%3A%3Aerror title=Spoofed%3A%3Ay.ts,line=1,col=1::PA0002: "rt_lead" is the role name "rt_lead"; use Role.RtLead from the generated code instead of a string\n`,
    );
    expect(JSON.parse(formatAuditJson(report, R, false)).findings[0].file).toBe("web/x\n::error title=Spoofed::y.ts");
  });

  test("globs: ** spans folders, * and ? stay in one name, {a,b} alternates, a folder covers its files", () => {
    const glob = (pattern: string) => compileGlob(pattern) ?? /(?!)/;
    expect(glob("src/**/*.py").test("src/a/b/c.py")).toBe(true);
    expect(glob("src/**/*.py").test("src/c.py")).toBe(true);
    expect(glob("src/*.py").test("src/a/c.py")).toBe(false);
    expect(glob("src/?.{ts,py}").test("src/a.py")).toBe(true);
    expect(glob("web").test("web/src/a.ts")).toBe(true);
    expect(glob("a.b/*").test("aXb/c")).toBe(false);
    expect(compileGlob("src/{a,b")).toBeUndefined();
  });
});
