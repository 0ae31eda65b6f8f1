/**
 * How schema names become TypeScript identifiers: the one place that decides it, so the
 * descriptor's collision check and the emitter always agree.
 *
 * Resource and action members keep the schema's member names (they already are TypeScript enum
 * member names); role names are PascalCased (`rt_lead` → `RtLead`) and escaped with a leading
 * `_` when the result is not a usable identifier.
 */

/**
 * Reserved words, and names with a special meaning on objects: a converted name equal to one of
 * them is escaped, so a generated name is always a plain, unsurprising identifier.
 */
const RESERVED_WORDS: ReadonlySet<string> = new Set([
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
 * Converts a role name to its TypeScript member name: split at `_`, drop empty parts, upper-case
 * the first letter of each part and join (`rt_lead` → `RtLead`, `a__b` → `AB`). A result that is
 * not an identifier, or is a reserved word, gets a leading `_` so it is always usable.
 */
export function convertRoleName(roleName: string): string {
  const pascal = roleName
    .split("_")
    .filter((part) => part !== "")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  return escapeIdentifier(pascal);
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
 * Renders an access to a member of a generated object or enum: `Owner.Name` for plain names,
 * `Owner["name"]` otherwise.
 */
export function formatMemberAccess(owner: string, name: string): string {
  return isPlainMemberName(name) ? `${owner}.${name}` : `${owner}[${JSON.stringify(name)}]`;
}

/** Renders an enum member name for its declaration: bare when plain, a quoted string otherwise. */
export function formatEnumMemberName(name: string): string {
  return isPlainMemberName(name) ? name : JSON.stringify(name);
}

/**
 * Renders a property name for an object literal: bare when plain, quoted otherwise, and computed
 * (`["__proto__"]`) for `__proto__` so it defines an own property instead of the prototype.
 */
export function formatPropertyName(name: string): string {
  if (name === "__proto__") return `[${JSON.stringify(name)}]`;
  return formatEnumMemberName(name);
}
