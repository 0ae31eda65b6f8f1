/**
 * `names` (CONTRACT §13): the symbol tables, the config check and the token-level renaming of
 * runtime templates. The renamed output of every language is also a golden case
 * (test/golden/renamed-symbols), compiled by each language's strict checker.
 */
import { describe, expect, test } from "vitest";
import { Codes } from "../../src/diagnostics/codes.js";
import { GO_SYMBOLS } from "../../src/targets/go/symbols.js";
import { PYTHON_SYMBOLS } from "../../src/targets/python/symbols.js";
import { RUST_SYMBOLS } from "../../src/targets/rust/symbols.js";
import {
  checkNamesOption,
  renameSymbols,
  type IdentifierRules,
  type RenameSyntax,
} from "../../src/targets/symbol-names.js";
import { TYPESCRIPT_SYMBOLS } from "../../src/targets/typescript/symbols.js";
import { loadRuntimeTemplate } from "../../src/targets/runtime-template.js";
import { compileFiles } from "../typescript/compile.js";
import { emitTypeScriptFromSource } from "../helpers/emit.js";

const GO: RenameSyntax = {
  lineComment: "//",
  blockComments: true,
  tripleStrings: false,
  backquoteStrings: true,
  goDeclarations: true,
};
const PY: RenameSyntax = {
  lineComment: "#",
  blockComments: false,
  tripleStrings: true,
  backquoteStrings: false,
};
const RUST: RenameSyntax = { ...GO, backquoteStrings: false, goDeclarations: false, rustDeclarations: true };

const rules: IdentifierRules = {
  language: "Python",
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  patternText: "identifier",
  reserved: new Set(["class"]),
};

describe("renameSymbols", () => {
  test("renames identifiers, comment words and exact string literals, never members or other strings", () => {
    const renames = new Map([["Role", "GroupName"], ["Permission", "Perm"]]);
    const text = [
      "# Role is a StrEnum; Role.ADMIN and x.Role stay members",
      'def f(r: Role) -> Permission: return Permission("Role is data") if r else Role.ADMIN',
      'NAMES = ["Role", "RoleX"]',
      '"""Returns a Permission."""',
    ].join("\n");
    expect(renameSymbols(text, renames, PY).split("\n")).toEqual([
      "# GroupName is a StrEnum; GroupName.ADMIN and x.Role stay members",
      'def f(r: GroupName) -> Perm: return Perm("Role is data") if r else GroupName.ADMIN',
      'NAMES = ["GroupName", "RoleX"]',
      '"""Returns a Perm."""',
    ]);
  });

  test("Go: a method or field named like a type, and its doc comment, stay", () => {
    const renames = new Map([["Resource", "Subject"]]);
    const text = [
      "type pair struct {",
      "\tResource Resource",
      "}",
      "",
      "// Resource returns the permission's Resource.",
      "func (p Permission) Resource() Resource {",
      "\treturn p.Resource()",
      "}",
    ].join("\n");
    expect(renameSymbols(text, renames, GO).split("\n")).toEqual([
      "type pair struct {",
      "\tResource Subject",
      "}",
      "",
      "// Resource returns the permission's Subject.",
      "func (p Permission) Resource() Subject {",
      "\treturn p.Resource()",
      "}",
    ]);
  });

  test("Rust: paths, variants and associated consts are members; a lifetime is not a char", () => {
    const renames = new Map([["Role", "Group"], ["Resource", "Subject"]]);
    const text = [
      "pub enum Resource {",
      "    Role,",
      "}",
      "impl Resource {",
      "    pub const Role: Self = Self::Role;",
      "    pub fn name(&'static self) -> Resource { Resource::Role }",
      "}",
      "fn c() -> char { 'R' }",
    ].join("\n");
    expect(renameSymbols(text, renames, RUST).split("\n")).toEqual([
      "pub enum Subject {",
      "    Role,",
      "}",
      "impl Subject {",
      "    pub const Role: Self = Self::Role;",
      "    pub fn name(&'static self) -> Subject { Subject::Role }",
      "}",
      "fn c() -> char { 'R' }",
    ]);
  });

  test("with comments off, schema documentation is left as written", () => {
    const renames = new Map([["Permission", "Capability"]]);
    expect(renameSymbols("// Permission to read\nvar x Permission", renames, { ...GO, comments: false }))
      .toBe("// Permission to read\nvar x Capability");
  });

  test("a swap renames each occurrence once", () => {
    const renames = new Map([["Resource", "Action"], ["Action", "Resource"]]);
    expect(renameSymbols("f(r Resource, a Action)", renames, GO)).toBe("f(r Action, a Resource)");
  });

  test("every renamed Go template symbol is renamed and the template's private names are not", () => {
    const text = loadRuntimeTemplate("go/runtime.go").section("functions");
    const renames = new Map(GO_SYMBOLS.map((s) => [s.symbol, `X${s.symbol}`]));
    const out = renameSymbols(text, renames, GO);
    expect(out).toContain("func XRequirePermission(mask XPermissionMask, r XResource, a XAction) error {");
    expect(out).toContain("func XLookup(r XResource, a XAction) (XPermission, bool) {");
    expect(out).toContain("// XParsePermission returns the permission whose key");
    expect(out).not.toMatch(/\bfunc (RequirePermission|Lookup|ParsePermission)\b/);
    expect(out).toContain("func (p XPermission) Resource() XResource {");
    expect(out).toContain("permissionsByKey");
  });
});

describe("checkNamesOption", () => {
  const specs = PYTHON_SYMBOLS;
  test("accepts a rename to unused identifiers", () => {
    expect(checkNamesOption({ Role: "GroupName", ALL_ROLES: "DEFAULT_GROUPS" }, specs, rules)).toEqual([]);
  });

  test("reports unknown symbols, bad or reserved names, duplicates and file names, each at its entry", () => {
    const problems = checkNamesOption(
      { Rol: "X", Role: "class", ROLE_PERMISSIONS: "1x", check_permission: "Permission", has_permission: "_strings" },
      specs,
      rules,
      new Set(["_strings"]),
    );
    expect(problems.map((p) => [p.code, p.path.join(".")])).toEqual([
      [Codes.NamesUnknownSymbol, "names.Rol"],
      [Codes.NamesInvalidName, "names.Role"],
      [Codes.NamesInvalidName, "names.ROLE_PERMISSIONS"],
      [Codes.NamesDuplicate, "names.has_permission"],
      [Codes.NamesDuplicate, "names.check_permission"],
    ]);
  });

  test("every language lists each symbol once", () => {
    for (const table of [PYTHON_SYMBOLS, TYPESCRIPT_SYMBOLS, GO_SYMBOLS, RUST_SYMBOLS]) {
      expect(new Set(table.map((s) => s.symbol)).size).toBe(table.length);
    }
  });
});

describe("TypeScript names", () => {
  const SCHEMA = `
export enum Resource { Alert = "alert", Role = "role" }
export enum Action { Read = "read" }
export const permissions = { [Resource.Alert]: [Action.Read], [Resource.Role]: [Action.Read] } as const;
export const roles = { admin: ["*"], permission: ["alert.read"] } as const;
`;
  const names = {
    Role: "GroupName",
    Resource: "Subject",
    ALL_ROLES: "DEFAULT_GROUPS",
    requirePermission: "need",
    PermissionDeniedError: "Forbidden",
  };
  const consumer = `
import { DEFAULT_GROUPS, Forbidden, GroupName, need, Subject, Action } from "./permissions.js";
const groups: readonly GroupName[] = DEFAULT_GROUPS;
const first: GroupName | undefined = groups[0];
const check = need(Subject.Role, Action.Read);
let denied = "";
try { check([]); } catch (error) { if (error instanceof Forbidden) denied = error.name; }
export { first, denied };
`;

  for (const enumStyle of ["enum", "const"] as const) {
    test(`enumStyle ${enumStyle}: renamed declarations compile with a consumer; members keep their names`, async () => {
      const out = await emitTypeScriptFromSource(SCHEMA, { enumStyle, names });
      expect(out).not.toMatch(/\bROLE_PERMISSIONS\.get\(role as Role\)/);
      expect(out).toContain('override readonly name = "Forbidden";');
      expect(out).toMatch(enumStyle === "enum" ? /\n {2}Role = "role",/ : /\n {2}Role: "role",/);
      expect(out).toMatch(/\bexport const DEFAULT_GROUPS: readonly GroupName\[\]/);
      const errors = compileFiles({ "permissions.ts": out, "consumer.ts": consumer });
      expect(errors).toEqual([]);
    });
  }
});

describe("TypeScript names swap", () => {
  test("Resource and Action swapped: each occurrence is renamed once and the file compiles", async () => {
    const out = await emitTypeScriptFromSource(
      'export enum Resource { Alert = "alert" }\nexport enum Action { Read = "read" }\n' +
        "export const permissions = { [Resource.Alert]: [Action.Read] } as const;\n",
      { names: { Resource: "Action", Action: "Resource" } },
    );
    expect(out).toMatch(/export enum Action \{\n {2}Alert = "alert",/);
    expect(out).toMatch(/export enum Resource \{\n {2}Read = "read",/);
    expect(out).toContain("export function requirePermission<R extends Action>(");
    expect(compileFiles({ "permissions.ts": out })).toEqual([]);
  });
});

describe("the README's symbol table", () => {
  test("lists exactly each target's symbols, in table order", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const tables = { typescript: TYPESCRIPT_SYMBOLS, python: PYTHON_SYMBOLS, go: GO_SYMBOLS, rust: RUST_SYMBOLS };
    for (const [language, table] of Object.entries(tables)) {
      const section = readme.slice(readme.indexOf("### Names that match existing code"));
      const row = section.split("\n").find((line) => line.startsWith(`| \`${language}\` | \``));
      expect(row, language).toBeDefined();
      const listed = [...(row ?? "").split(" | ")[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      expect(listed, language).toEqual(table.map((s) => s.symbol));
    }
  });
});
