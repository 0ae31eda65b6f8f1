/**
 * The TypeScript target's descriptor: its config options, its name checks and its names.
 */
import { describe, expect, it } from "vitest";
import { findTarget } from "../../src/targets/index.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import { emitTypeScript } from "../../src/targets/typescript/emit-typescript.js";
import { NameTableMiss } from "../../src/targets/name-table.js";
import {
  buildTypeScriptNames,
  checkTypeScriptNames,
  escapeIdentifier,
  formatMemberAccess,
} from "../../src/targets/typescript/names.js";
import { EMPTY_LOCK } from "../../src/lock/lock.js";
import { makeContractSpec, makeModel } from "./make-model.js";
import { filesOf } from "../helpers/emit-result.js";

describe("typescript target options", () => {
  it("defaults enumStyle to enum", () => {
    expect(
      typescriptTarget.options.parse({ language: "typescript", out: "src/permissions.ts" }),
    ).toEqual({
      language: "typescript",
      out: "src/permissions.ts",
      enumStyle: "enum",
    });
  });

  it("accepts enumStyle const", () => {
    const parsed = typescriptTarget.options.parse({
      language: "typescript",
      out: "a.ts",
      enumStyle: "const",
    });
    expect(parsed).toEqual({ language: "typescript", out: "a.ts", enumStyle: "const" });
  });

  it("rejects unknown keys, a missing out and an unknown enumStyle", () => {
    const paths = (input: unknown): string[] => {
      const result = typescriptTarget.options.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => `${i.code}:${i.path.join(".")}`);
    };
    expect(paths({ language: "typescript", out: "a.ts", enumstyle: "const" })).toEqual([
      "unrecognized_keys:",
    ]);
    expect(paths({ language: "typescript" })).toEqual(["invalid_type:out"]);
    expect(paths({ language: "typescript", out: "a.ts", enumStyle: "union" })).toEqual([
      "invalid_value:enumStyle",
    ]);
    expect(paths({ language: "python", out: "a.py" })).toEqual(["invalid_value:language"]);
  });

  it("is registered and names a file (test/targets/lazy-emitters.test.ts proves the lazy load)", () => {
    expect(findTarget("typescript")).toBe(typescriptTarget);
    expect(typescriptTarget.outIsFolder).toBe(false);
  });
});

describe("typescript names", () => {
  const roleNames = ["rt_lead", "a__b", "soc_analyst", "x", "role_2x", "a_", "admin"];
  const model = makeModel({
    ...makeContractSpec({ roles: false, namespace: true }),
    roles: roleNames.map((name) => [name, []] as const),
  });
  const names = buildTypeScriptNames(model);

  it("keeps the schema's member names and PascalCases role names, keyed by value and name", () => {
    expect([...names.resource.entries]).toEqual(model.resources.map((r) => [r.value, r.name]));
    expect([...names.action.entries]).toEqual(model.actions.map((a) => [a.value, a.name]));
    expect([...names.role.entries]).toEqual([
      ["rt_lead", "RtLead"],
      ["a__b", "AB"],
      ["soc_analyst", "SocAnalyst"],
      ["x", "X"],
      ["role_2x", "Role2x"],
      ["a_", "A"],
      ["admin", "Admin"],
    ]);
  });

  it("a key the model does not have throws, naming it", () => {
    expect(() => names.role.get("RtLead")).toThrow(NameTableMiss);
    expect(() => names.resource.get("Alert")).toThrow(
      'the TypeScript name table has no resource "Alert"',
    );
  });

  it("the Role vocabulary the emitter writes has exactly the table's names", () => {
    const options = { language: "typescript", out: "/x.ts", enumStyle: "enum" } as const;
    const context = { lockBefore: undefined, lock: EMPTY_LOCK, existingFiles: new Map() };
    const [file] = filesOf(emitTypeScript(model, options, context));
    const body = file?.content.split("export enum Role {\n")[1]?.split("\n}")[0] ?? "";
    expect([...body.matchAll(/^ {2}(\w+) = /gm)].map((m) => m[1])).toEqual([
      ...names.role.entries.values(),
    ]);
  });

  it("escapes what is not a usable identifier with a leading underscore", () => {
    expect(["Valid", "class", "constructor", "2fa", "a-b", ""].map(escapeIdentifier)).toEqual([
      "Valid",
      "_class",
      "_constructor",
      "_2fa",
      "_a_b",
      "_",
    ]);
  });

  it("quotes member accesses that are not identifiers", () => {
    expect(formatMemberAccess("Resource", "Alert")).toBe("Resource.Alert");
    expect(formatMemberAccess("Resource", "billing-account")).toBe('Resource["billing-account"]');
  });
});

describe("typescript checkNames", () => {
  it("reports nothing for distinct role names", () => {
    const model = makeModel(makeContractSpec({ roles: true, namespace: true }));
    expect(
      checkTypeScriptNames(model, "enum"),
    ).toEqual([]);
  });

  it("reports PG0401 at the later role when two roles PascalCase to the same name", () => {
    const model = makeModel({
      ...makeContractSpec({ roles: false, namespace: false }),
      roles: [
        ["rt_lead", ["*"]],
        ["viewer", []],
        ["rt__lead", []],
        ["rt_lead_", []],
      ],
    });
    const second = model.roles[2]?.position;
    const third = model.roles[3]?.position;
    expect(
      typescriptTarget.checkNames?.(model, {
        language: "typescript",
        out: "/x.ts",
        enumStyle: "enum",
      }),
    ).toEqual([
      {
        code: "PG0401",
        message:
          'role "rt__lead" and role "rt_lead" are both named "RtLead" in TypeScript; rename one of them',
        file: second?.file,
        line: second?.line,
        column: second?.column,
      },
      {
        code: "PG0401",
        message:
          'role "rt_lead_" and role "rt_lead" are both named "RtLead" in TypeScript; rename one of them',
        file: third?.file,
        line: third?.line,
        column: third?.column,
      },
    ]);
  });
});
