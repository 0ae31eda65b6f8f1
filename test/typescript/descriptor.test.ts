/**
 * The TypeScript target's descriptor: its config options, its name checks and its names.
 */
import { describe, expect, it } from "vitest";
import { findTarget } from "../../src/targets/index.js";
import { typescriptTarget } from "../../src/targets/typescript/descriptor.js";
import {
  convertRoleName,
  escapeIdentifier,
  formatMemberAccess,
} from "../../src/targets/typescript/names.js";
import { makeContractSpec, makeModel } from "./make-model.js";

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
  it("PascalCases role names", () => {
    expect(
      ["rt_lead", "a__b", "soc_analyst", "x", "role_2x", "a_", "admin"].map(convertRoleName),
    ).toEqual(["RtLead", "AB", "SocAnalyst", "X", "Role2x", "A", "Admin"]);
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
    expect(convertRoleName("__")).toBe("_");
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
      typescriptTarget.checkNames(model, {
        language: "typescript",
        out: "/x.ts",
        enumStyle: "enum",
      }),
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
      typescriptTarget.checkNames(model, {
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
