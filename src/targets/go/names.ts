/**
 * How schema names become Go identifiers: the one place the Go target builds a name.
 *
 * Every generated identifier is a kind prefix plus PascalCase of the value (`ResourceAlert`,
 * `ActionManage`, `PermEngagementMemberManage`, `RoleRtLead`), so no generated name can be a Go
 * keyword or a predeclared identifier. The prefixes could still meet a name the generated file
 * declares itself (a role `permissions` gives `RolePermissions`, the function); such a name is
 * escaped the way Go code escapes a clash, with a trailing underscore (`RolePermissions_`),
 * which PascalCase output never contains, so the escaped name cannot collide in turn.
 */
import path from "node:path";
import { convertToPascalCase } from "../case.js";

/** Exported identifiers the generated Go file declares besides the vocabulary's constants. */
export const GO_DECLARED_NAMES: ReadonlySet<string> = new Set([
  "SchemaDigest",
  "Resource",
  "Action",
  "Permission",
  "PermissionMask",
  "Role",
  "ResourceActionPair",
  "ResourceActionPairs",
  "AllPermissions",
  "AllRoles",
  "RolePermissions",
  "ParsePermission",
  "Lookup",
  "RequirePermission",
  "ErrPermissionDenied",
  "ErrUndeclaredPermission",
]);

/** Go's keywords: never a valid package name. */
export const GO_KEYWORDS: ReadonlySet<string> = new Set([
  "break",
  "case",
  "chan",
  "const",
  "continue",
  "default",
  "defer",
  "else",
  "fallthrough",
  "for",
  "func",
  "go",
  "goto",
  "if",
  "import",
  "interface",
  "map",
  "package",
  "range",
  "return",
  "select",
  "struct",
  "switch",
  "type",
  "var",
]);

/** The package name used when the output folder's name gives nothing usable. */
export const FALLBACK_GO_PACKAGE = "permissions";

/** Escapes a generated identifier that meets a name the generated file declares itself. */
function escapeGoName(name: string): string {
  return GO_DECLARED_NAMES.has(name) ? `${name}_` : name;
}

/** Builds the Go constant name of a resource value: `engagement.member` → `ResourceEngagementMember`. */
export function buildGoResourceName(value: string): string {
  return escapeGoName(`Resource${convertToPascalCase(value)}`);
}

/** Builds the Go constant name of an action value: `manage` → `ActionManage`. */
export function buildGoActionName(value: string): string {
  return escapeGoName(`Action${convertToPascalCase(value)}`);
}

/**
 * Builds the Go constant name of a permission from its key without namespace:
 * `engagement.member.manage` → `PermEngagementMemberManage`.
 */
export function buildGoPermissionName(localKey: string): string {
  return escapeGoName(`Perm${convertToPascalCase(localKey)}`);
}

/** Builds the Go constant name of a role: `rt_lead` → `RoleRtLead`. */
export function buildGoRoleName(name: string): string {
  return escapeGoName(`Role${convertToPascalCase(name)}`);
}

/** Tells whether a string is a usable Go package name: an ASCII identifier, not a keyword or `_`. */
export function isValidGoPackageName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && name !== "_" && !GO_KEYWORDS.has(name);
}

/**
 * Derives the default package name from the output file's folder, the Go convention: lower-cased,
 * characters other than ASCII letters, digits and `_` dropped, leading digits and underscores
 * dropped (`internal/my-perms/permissions.go` → `myperms`). Falls back to `permissions` when
 * nothing usable remains.
 */
export function deriveGoPackageName(outPath: string): string {
  const folder = path.basename(path.dirname(outPath));
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "")
    .replace(/^[0-9_]+/, "");
  return isValidGoPackageName(name) ? name : FALLBACK_GO_PACKAGE;
}
