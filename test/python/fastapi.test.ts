/**
 * The generated module in a real FastAPI app (Debian's python3-fastapi, TestClient): guarded
 * routes answer 200 or 403, forged keys grant nothing, an undeclared pair fails at import,
 * fastapi is imported only when asked for, and the fastapi: false module needs no FastAPI.
 */
import path from "node:path";
import { expect, test } from "vitest";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { modelFromSource } from "../helpers/model.js";
import { CONTRACT_SCHEMA, DOCS_SCHEMA } from "./python-schemas.js";
import { describeWithPython, runPython, SCRIPTS, writeTempFiles } from "./python-tools.js";

function writeModule(schema: string, fastapi: boolean, extra: Record<string, string> = {}): string {
  const module = renderPythonModule(modelFromSource(schema), { fastapi });
  return writeTempFiles({ "permission_taxonomy.py": module, ...extra });
}

/** Runs Python code with the module folder first on sys.path, isolated (-I). */
function runSnippet(dir: string, lines: readonly string[]): { status: number | null; out: string } {
  const code = [`import sys`, `sys.path.insert(0, ${JSON.stringify(dir)})`, ...lines].join("\n");
  const result = runPython(["-I", "-c", code]);
  return { status: result.status, out: result.stdout + result.stderr };
}

type Case = [method: string, route: string, granted: unknown, roles: readonly string[] | null];

describeWithPython("FastAPI end to end", () => {
  test("guarded routes answer 200 with the permission and 403 naming the key without it", () => {
    const cases: Case[] = [
      ["GET", "/alerts", ["soc.alert.read"], null],
      ["GET", "/alerts", ["soc.alert.acknowledge", "soc.alert.read"], null],
      ["GET", "/alerts", [], null],
      ["GET", "/alerts", null, null],
      ["GET", "/alerts", ["ALERT.READ"], null],
      ["GET", "/alerts", ["soc.alert.read "], null],
      ["GET", "/alerts", [" soc.alert.read"], null],
      ["GET", "/alerts", ["alert.read"], null],
      ["GET", "/alerts", ["soc.alert.*"], null],
      ["GET", "/alerts", ["*"], null],
      ["GET", "/alerts", ["__class__", "__proto__", "constructor"], null],
      ["GET", "/alerts", "soc.alert.read", null],
      ["GET", "/alerts", { "soc.alert.read": true }, null],
      ["GET", "/alerts", [1, null, ["soc.alert.read"]], null],
      ["POST", "/alerts/ack", ["soc.alert.read", "soc.alert.acknowledge"], null],
      ["POST", "/alerts/ack", ["soc.alert.read"], null],
      ["GET", "/members", null, ["rt_lead"]],
      ["GET", "/members", null, ["rt_operator", "soc_analyst"]],
      ["GET", "/alerts", null, ["soc_analyst"]],
      ["GET", "/alerts", null, ["RT_LEAD", "__class__", ""]],
    ];
    const dir = writeModule(CONTRACT_SCHEMA, true);
    const result = runPython([path.join(SCRIPTS, "fastapi_e2e.py"), dir, JSON.stringify(cases)]);
    expect(result.stderr).toBe("");
    const denied = (key: string): string => `403 {"detail":"missing permission ${key}"}`;
    expect(result.stdout.split("\n")).toEqual([
      `GET /alerts -> 200 {"ok":true}`,
      `GET /alerts -> 200 {"ok":true}`,
      ...Array.from({ length: 12 }, () => `GET /alerts -> ${denied("soc.alert.read")}`),
      `POST /alerts/ack -> 200 "soc.alert.acknowledge"`,
      `POST /alerts/ack -> ${denied("soc.alert.acknowledge")}`,
      `GET /members -> 200 []`,
      `GET /members -> ${denied("soc.engagement.member.manage")}`,
      `GET /alerts -> 200 {"ok":true}`,
      `GET /alerts -> ${denied("soc.alert.read")}`,
      "",
    ]);
  });

  test("a route without a configured permission source fails with 500, granting nothing", () => {
    const dir = writeModule(CONTRACT_SCHEMA, true);
    const result = runPython([path.join(SCRIPTS, "fastapi_unconfigured.py"), dir]);
    expect(result.stdout).toBe(
      "500\nRuntimeError: granted_permissions is not configured: set " +
        "app.dependency_overrides[granted_permissions] to a dependency that returns the " +
        "caller's permission keys\n",
    );
  });

  test("importing a route module that requires an undeclared pair fails", () => {
    const routes = [
      "from permission_taxonomy import Action, Resource, require_permission",
      "",
      "guard = require_permission(Resource.USER, Action.READ)  # type: ignore",
      "",
    ].join("\n");
    const dir = writeModule(CONTRACT_SCHEMA, true, { "routes.py": routes });
    const result = runSnippet(dir, [
      "try:",
      "    import routes",
      "except ValueError as error:",
      "    print('ValueError:', error)",
    ]);
    expect(result.out).toBe(
      "ValueError: (<Resource.USER: 'user'>, <Action.READ: 'read'>) is not a declared permission\n",
    );
  });

  test("fastapi is imported only once require_permission is called", () => {
    const dir = writeModule(CONTRACT_SCHEMA, true);
    const result = runSnippet(dir, [
      "import permission_taxonomy as p",
      "print('fastapi' in sys.modules)",
      "p.check_permission(['soc.alert.read'], p.Resource.ALERT, p.Action.READ)",
      "print('fastapi' in sys.modules)",
      "p.require_permission(p.Resource.ALERT, p.Action.READ)",
      "print('fastapi' in sys.modules)",
    ]);
    expect(result.out).toBe("False\nFalse\nTrue\n");
  });

  test("the fastapi: false module works with FastAPI impossible to import", () => {
    const dir = writeModule(CONTRACT_SCHEMA, false);
    const result = runSnippet(dir, [
      "sys.modules['fastapi'] = None",
      "import permission_taxonomy as p",
      "p.check_permission({'soc.alert.read'}, p.Resource.ALERT, p.Action.READ)",
      "try:",
      "    p.check_permission({'soc.alert.read'}, p.Resource.ALERT, p.Action.ACKNOWLEDGE)",
      "except p.PermissionDenied as denied:",
      "    print(type(denied.permission).__name__, denied.permission.value, '|', denied)",
      "print(hasattr(p, 'require_permission'), hasattr(p, 'granted_permissions'))",
    ]);
    expect(result.out).toBe(
      "Permission soc.alert.acknowledge | missing permission soc.alert.acknowledge\nFalse False\n",
    );
  });

  test("a deprecated pair warns at the caller's line; the table lists it with its reason", () => {
    const dir = writeModule(DOCS_SCHEMA, true);
    const result = runSnippet(dir, [
      "import warnings",
      "import permission_taxonomy as p",
      "warnings.simplefilter('always')",
      "with warnings.catch_warnings(record=True) as caught:",
      "    p.require_permission(p.Resource.REPORT, p.Action.EXPORT)",
      "    p.require_permission(p.Resource.ALERT, p.Action.PURGE)",
      "    p.require_permission(p.Resource.ALERT, p.Action.READ)",
      "for w in caught:",
      "    print(w.category.__name__, w.lineno, w.message)",
      "print(dict(p.DEPRECATED_PERMISSIONS))",
    ]);
    expect(result.out).toBe(
      [
        "DeprecationWarning 7 permission report.export is deprecated: Reports are exported by the reporting service now.",
        "DeprecationWarning 8 permission alert.purge is deprecated",
        "{<Permission.ALERT_PURGE: 'alert.purge'>: '', <Permission.LEGACY_ALERT_READ: 'legacy_alert.read'>: 'Use Resource.Alert.', <Permission.REPORT_EXPORT: 'report.export'>: 'Reports are exported by the reporting service now.'}",
        "",
      ].join("\n"),
    );
  });
});
