/**
 * Python names: UPPER_SNAKE members from values, escaping, and the PG0401 collision check.
 */
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatDiagnostic } from "../../src/diagnostics/diagnostic.js";
import { renderPythonModule } from "../../src/targets/python/emit-python.js";
import {
  checkPythonNames,
  convertMemberName,
  escapePythonIdentifier,
} from "../../src/targets/python/names.js";
import { pythonTarget } from "../../src/targets/python/descriptor.js";
import { modelFromSource, TEST_ROOT } from "../helpers/model.js";
import { describeWithPython, runPython, SCRIPTS, writeTempFiles } from "./python-tools.js";

describe("convertMemberName", () => {
  test("upper-cases values and turns dots into underscores", () => {
    expect(
      ["alert", "engagement.member", "engagement.member.manage", "read_own", "soc_token2"].map(
        convertMemberName,
      ),
    ).toEqual(["ALERT", "ENGAGEMENT_MEMBER", "ENGAGEMENT_MEMBER_MANAGE", "READ_OWN", "SOC_TOKEN2"]);
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
    const lines = pythonTarget
      .checkNames(model, { language: "python", out: "/x.py" })
      .map((d) => formatDiagnostic(d, TEST_ROOT));
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
