/**
 * Python names: UPPER_SNAKE members from values, escaping, and the PG0401 collision check.
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import { NameTableMiss } from "../../src/targets/name-table.js";
import {
  buildPythonNames,
  checkPythonNames,
  escapePythonIdentifier,
} from "../../src/targets/python/names.js";
import { pythonTarget } from "../../src/targets/python/descriptor.js";
import { modelFromSource, TEST_ROOT } from "../helpers/model.js";
import { describeWithPython, runPython, SCRIPTS, writeTempFiles } from "./python-tools.js";

const NAMES_SCHEMA = `export enum Resource {
  Alert = "alert",
  EngagementMember = "engagement.member",
}

export enum Action {
  ReadOwn = "read_own",
  Manage = "manage",
}

export const permissions = {
  [Resource.Alert]: [Action.ReadOwn],
  [Resource.EngagementMember]: [Action.Manage],
};

export const roles = { soc_token2: ["*"] };

export const namespace = "soc";
`;

describe("buildPythonNames", () => {
  const model = modelFromSource(NAMES_SCHEMA);
  const names = buildPythonNames(model);

  test("upper-cases values and turns dots into underscores, keyed by value, full key, role", () => {
    expect([...names.resource.entries]).toEqual([
      ["alert", "ALERT"],
      ["engagement.member", "ENGAGEMENT_MEMBER"],
    ]);
    expect([...names.action.entries]).toEqual([
      ["read_own", "READ_OWN"],
      ["manage", "MANAGE"],
    ]);
    expect([...names.permission.entries]).toEqual([
      ["soc.alert.read_own", "ALERT_READ_OWN"],
      ["soc.engagement.member.manage", "ENGAGEMENT_MEMBER_MANAGE"],
    ]);
    expect([...names.role.entries]).toEqual([["soc_token2", "SOC_TOKEN2"]]);
  });

  test("a key the model does not have throws, naming it", () => {
    expect(() => names.permission.get("alert.read_own")).toThrow(NameTableMiss);
    expect(() => names.resource.get("user")).toThrow('the Python name table has no resource "user"');
  });

  test("the module declares each enum's members as the table names them", () => {
    const module = renderPythonModule(model, { fastapi: false });
    const members = (enumName: string): string[] => {
      const body = module.split(`class ${enumName}(enum.StrEnum):\n`)[1] ?? "";
      return [...body.split("\n\n\n")[0]!.matchAll(/^ {4}([A-Z0-9_]+) = /gm)].map((m) => m[1]!);
    };
    expect(members("Resource")).toEqual([...names.resource.entries.values()]);
    expect(members("Action")).toEqual([...names.action.entries.values()]);
    expect(members("Permission")).toEqual([...names.permission.entries.values()]);
    expect(members("Role")).toEqual([...names.role.entries.values()]);
  });

  test("keywords and names enum reserves get a trailing underscore; others are kept", () => {
    expect(
      ["None", "class", "match", "_", "_ignore_", "__init__", "NONE", "IMPORT", "_x", "__x"].map(
        escapePythonIdentifier,
      ),
    ).toEqual([
      "None_",
      "class_",
      "match_",
      "__",
      "_ignore__",
      "__init___",
      "NONE",
      "IMPORT",
      "_x",
      "__x",
    ]);
  });
});

const KEYWORD_SCHEMA = `export enum Resource {
  Import = "import",
  Class = "class",
  None = "none",
  True = "true",
  Mro = "mro",
}

export enum Action {
  Name = "name",
  Value = "value",
  Lambda = "lambda",
  Match = "match",
  Type = "type",
  Upper = "upper",
}

export const permissions = {
  [Resource.Import]: [Action.Name, Action.Value],
  [Resource.Class]: [Action.Lambda],
  [Resource.None]: [Action.Match],
  [Resource.True]: [Action.Type],
  [Resource.Mro]: [Action.Upper],
};

export const roles = { name: ["*"], value: [], mro: ["none.match"] };
`;

describeWithPython("names Python accepts", () => {
  test("values that are keywords or enum/str attributes in lower case make plain members", () => {
    const module = renderPythonModule(modelFromSource(KEYWORD_SCHEMA), { fastapi: true });
    const dir = writeTempFiles({ "permission_taxonomy.py": module });
    const result = runPython([path.join(SCRIPTS, "dump_module.py"), dir]);
    expect(result.stderr).toBe("");
    const dump = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(dump["Resource"]).toEqual([
      ["IMPORT", "import"],
      ["CLASS", "class"],
      ["NONE", "none"],
      ["TRUE", "true"],
      ["MRO", "mro"],
    ]);
    expect(dump["Action"]).toEqual([
      ["NAME", "name"],
      ["VALUE", "value"],
      ["LAMBDA", "lambda"],
      ["MATCH", "match"],
      ["TYPE", "type"],
      ["UPPER", "upper"],
    ]);
    expect(dump["Role"]).toEqual([
      ["NAME", "name"],
      ["VALUE", "value"],
      ["MRO", "mro"],
    ]);
    expect(dump["ROLE_PERMISSIONS"]).toEqual({
      name: ["class.lambda", "import.name", "import.value", "mro.upper", "none.match", "true.type"],
      value: [],
      mro: ["none.match"],
    });
  });
});

const COLLIDING_SCHEMA = `export enum Resource {
  ABC = "a.b_c",
  AB = "a_b",
  ABC2 = "a_b.c",
  A = "a",
}

export enum Action {
  C = "c",
  BC = "b_c",
  Read = "read",
}

export const permissions = {
  [Resource.A]: [Action.BC],
  [Resource.AB]: [Action.C],
  [Resource.ABC]: [Action.Read],
  [Resource.ABC2]: [Action.Read],
};
`;

describe("checkPythonNames", () => {
  test("values that share a Python name are PG0401 at the later one, naming both", () => {
    const model = modelFromSource(COLLIDING_SCHEMA);
    // The target runs these checks (and, with modules, its module-class names) on every model.
    const options = { language: "python" as const, out: "/x/p.py", fastapi: false };
    expect(pythonTarget.checkNames?.(model, options)).toEqual(checkPythonNames(model));
    const lines = checkPythonNames(model).map((d) => formatDiagnostic(d, TEST_ROOT));
    expect(lines).toEqual([
      'schema/permissions.ts:4:3: error PG0401: resource "a_b.c" and resource "a.b_c" are both named "Resource.A_B_C" in Python; rename one of them',
      'schema/permissions.ts:16:19: error PG0401: permission "a_b.c" and permission "a.b_c" are both named "Permission.A_B_C" in Python; rename one of them',
      'schema/permissions.ts:18:21: error PG0401: permission "a_b.c.read" and permission "a.b_c.read" are both named "Permission.A_B_C_READ" in Python; rename one of them',
    ]);
  });

  test("a schema without collisions has no findings", () => {
    const model = modelFromSource(KEYWORD_SCHEMA);
    expect(checkPythonNames(model)).toEqual([]);
  });
});
