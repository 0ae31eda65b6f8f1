/**
 * How schema names become TypeScript identifiers: the one place that decides it, so the
 * descriptor's collision check and the emitter always agree.
 *
 * Resource and action members keep the schema's member names (they already are TypeScript enum
 * member names); role names are PascalCased (`rt_lead` → `RtLead`) and escaped with a leading
 * `_` when the result is not a usable identifier.
 *
 * A member name the schema writes as a string literal (`"r-e-a-d"`, `"weird name"`, `Ünïcode`,
 * `__proto__`) is quoted wherever it appears: `Action["r-e-a-d"]` as a value,
 * `(typeof Action)["r-e-a-d"]` as a type (an element access is not a type), the resource's value
 * as an `ActionsByResource` key (an interface key must be a plain name or a literal).
 */
import { Codes } from "../../diagnostics/codes.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model } from "../../model/model.js";
import { convertToPascalCase } from "../case.js";
import { checkNameCollisions } from "../check-collisions.js";
import { buildNameTable, type NameTable } from "../name-table.js";
import { isUnsafeCodePoint } from "../unsafe-chars.js";
import type { TypeScriptOptions } from "./descriptor.js";
import { preferQuotes } from "./prettier-layout.js";

/**
 * Reserved words, and names with a special meaning on objects: a converted name equal to one of
 * them is escaped, so a generated name is always a plain, unsurprising identifier.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "break",
  "case",
  "catch",
  "class",
  "const",
  "continue",
  "debugger",
  "default",
  "delete",
  "do",
  "else",
  "enum",
  "export",
  "extends",
  "false",
  "finally",
  "for",
  "function",
  "if",
  "import",
  "in",
  "instanceof",
  "new",
  "null",
  "return",
  "super",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "var",
  "void",
  "while",
  "with",
  "implements",
  "interface",
  "let",
  "package",
  "private",
  "protected",
  "public",
  "static",
  "yield",
  "await",
  "any",
  "boolean",
  "never",
  "number",
  "object",
  "string",
  "symbol",
  "undefined",
  "unknown",
  "bigint",
  "__proto__",
  "constructor",
  "prototype",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Converts a role name to its TypeScript member name: PascalCase (src/targets/case.ts; role
 * names hold no dots, so that is split at `_`, drop empty parts, upper-case each part's first
 * letter: `rt_lead` → `RtLead`, `a__b` → `AB`). A result that is not an identifier, or is a
 * reserved word, gets a leading `_` so it is always usable.
 */
function convertRoleName(roleName: string): string {
  return escapeIdentifier(convertToPascalCase(roleName));
}

/**
 * The member name of every resource, action and role of a model. Permissions have no
 * identifier in TypeScript: a permission is its key, a string literal type.
 */
export type TypeScriptNames = NameTable<"resource" | "action" | "role">;

/**
 * Builds the TypeScript member names of a model, the only place the TypeScript target names
 * them: resources and actions keep the schema's member names (`EngagementMember`), roles are
 * PascalCased and escaped (`convertRoleName`: `rt_lead` → `RtLead`). Keyed by resource and action
 * value and role name. A name that is not a plain identifier is still returned as written; the
 * `format…` functions below decide how it is quoted where it appears.
 */
export function buildTypeScriptNames(model: Model): TypeScriptNames {
  return buildNameTable("TypeScript", model, {
    resource: (r) => r.name,
    action: (a) => a.name,
    role: (r) => convertRoleName(r.name),
  });
}

/**
 * Checks that role names stay distinct once PascalCased for TypeScript (`rt_lead` and `rt__lead`
 * are both `RtLead`): one PG0401 diagnostic per colliding role, at the later role's position,
 * naming both roles and the shared TypeScript name. Resource and action names are kept as
 * written in the schema (whose reader rejects a duplicate member), so they cannot collide.
 */
export function checkTypeScriptNames(
  model: Model,
  enumStyle: TypeScriptOptions["enumStyle"] = "enum",
): readonly Diagnostic[] {
  const collisions = checkNameCollisions(model, buildTypeScriptNames(model), {
    kinds: ["role"],
    describe: (later, first, name) =>
      `${later.label} and ${first.label} are both named "${name}" in TypeScript; rename one of them`,
  });
  return enumStyle === "enum" ? [...collisions, ...checkEnumMemberNames(model)] : collisions;
}

/**
 * A `Resource` or `Action` member named `__proto__` cannot be a TypeScript enum member at run
 * time: the compiled enum assigns `Resource["__proto__"] = …`, which sets nothing (so
 * `Resource.__proto__` would be `Object.prototype`, not the value). One PG0402 per such member,
 * at its position; `enumStyle: "const"` emits it as an own property and has no such problem.
 */
function checkEnumMemberNames(model: Model): Diagnostic[] {
  return [...model.resources, ...model.actions]
    .filter((member) => member.name === "__proto__")
    .map((member) => ({
      code: Codes.UnusableMemberName,
      message: `${member.kind === "resource" ? "Resource" : "Action"} member "__proto__" cannot be a TypeScript enum member (the compiled enum would set the prototype, not the member); rename it, or set "enumStyle": "const" for this target`,
      file: member.position.file,
      line: member.position.line,
      column: member.position.column,
    }));
}


/**
 * Escapes a would-be identifier: returns it unchanged when it is a valid, non-reserved
 * identifier, otherwise prefixes `_` and replaces every character that cannot appear in an
 * identifier with `_`.
 */
export function escapeIdentifier(name: string): string {
  if (IDENTIFIER.test(name) && !RESERVED_WORDS.has(name)) return name;
  return `_${name.replace(/[^A-Za-z0-9_$]/g, "_")}`;
}

/**
 * Checks whether a member name can be written bare (`Resource.Alert`, `Alert = "alert"`) rather
 * than quoted (`Resource["foo-bar"]`). Schema enum members written as string literals may need
 * quoting; `__proto__` is never bare because in an object literal it would set the prototype.
 */
export function isPlainMemberName(name: string): boolean {
  return IDENTIFIER.test(name) && name !== "__proto__";
}

/**
 * Checks whether a member name can also name a type alias (`type Alert = …` in the type-only
 * namespace of enumStyle "const"): an identifier that is neither a reserved word nor a
 * predefined type name.
 */
export function isTypeAliasName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name);
}

/**
 * Renders an access to a member of a generated object or enum: `Owner.Name` for plain names,
 * `Owner["name"]` otherwise.
 */
export function formatMemberAccess(owner: string, name: string): string {
  return isPlainMemberName(name)
    ? `${owner}.${name}`
    : `${owner}[${quoteTs(name)}]`;
}

/**
 * Renders the type of one member of a generated enum or `as const` object: `Action.Read` (an
 * enum member type) or `typeof Action.Read` (enumStyle "const") for plain names,
 * `(typeof Action)["r-e-a-d"]` otherwise, which is the member's type in both styles.
 */
export function formatMemberType(
  owner: string,
  name: string,
  style: "enum" | "const",
): string {
  if (!isPlainMemberName(name)) return `(typeof ${owner})[${quoteTs(name)}]`;
  return style === "enum" ? `${owner}.${name}` : `typeof ${owner}.${name}`;
}

/**
 * Renders the key of a resource in an interface keyed by resource (`ActionsByResource`):
 * `[Resource.Alert]` for a plain member name, else the resource's value as a property name,
 * the same property (an enum member's property name is its value).
 */
export function formatResourceKey(name: string, value: string): string {
  if (isPlainMemberName(name)) return `[Resource.${name}]`;
  // Bare when the value is an identifier, as prettier prints a quoted key that needs no quotes.
  return IDENTIFIER.test(value) ? value : quoteTs(value);
}

/** Renders an enum member name for its declaration: bare when plain, a quoted string otherwise. */
export function formatEnumMemberName(name: string): string {
  return isPlainMemberName(name) ? name : quoteTs(name);
}

/**
 * Renders `text` as a TypeScript string literal: the only way text reaches a string in the
 * generated file. JSON's escaping (quotes, backslashes, C0 controls, lone surrogates as
 * `\udXXX`) plus `\uXXXX` for every other unsafe character (DEL, C1 controls, LINE/PARAGRAPH
 * SEPARATOR, the byte order mark, bidi controls), so the value is exact and the source shows
 * every character that could hide or break a line. Double quotes, unless the text holds more
 * double than single quotes: then single quotes, the choice prettier makes, so the emitted file
 * is already in prettier's layout (prettier-layout.ts).
 */
export function quoteTs(text: string): string {
  // Printable ASCII without `"` or `\` (every key and value) needs no escape and no quote choice.
  if (/^[\x20\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return `"${text}"`;
  const double = JSON.stringify(text).replace(
    /[\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]/g,
    (char) => {
      const code = char.charCodeAt(0);
      return isUnsafeCodePoint(code)
        ? `\\u${code.toString(16).padStart(4, "0")}`
        : char;
    },
  );
  return preferQuotes(text, double);
}

/**
 * Renders a property name for an object literal: bare when plain, quoted otherwise, and computed
 * (`["__proto__"]`) for `__proto__` so it defines an own property instead of the prototype.
 */
export function formatPropertyName(name: string): string {
  if (name === "__proto__") return `[${quoteTs(name)}]`;
  return formatEnumMemberName(name);
}
