/**
 * Every exported symbol of the TypeScript module: what `names` may rename (CONTRACT §13). One
 * entry per symbol; the emitter, the config check and the README table read this list.
 */
import type { IdentifierRules, SymbolSpec } from "../symbol-names.js";
import { RESERVED_WORDS } from "./names.js";

export const TYPESCRIPT_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: "Resource", kind: "type" },
  { symbol: "Action", kind: "type" },
  { symbol: "Permission", kind: "type" },
  { symbol: "PERMISSION_IDS", kind: "const" },
  { symbol: "ALL_PERMISSIONS", kind: "const" },
  { symbol: "RESOURCE_ACTION_PAIRS", kind: "const" },
  { symbol: "ActionsByResource", kind: "type" },
  { symbol: "ActionOf", kind: "type" },
  { symbol: "Role", kind: "type", when: "roles" },
  { symbol: "ROLE_PERMISSIONS", kind: "const", when: "roles" },
  { symbol: "ALL_ROLES", kind: "const", when: "roles" },
  { symbol: "permissionsOfRoles", kind: "function", when: "roles" },
  { symbol: "SCHEMA_DIGEST", kind: "const" },
  { symbol: "GrantedPermissions", kind: "type" },
  { symbol: "PermissionGuard", kind: "type" },
  { symbol: "PermissionDeniedError", kind: "class" },
  { symbol: "permissionKey", kind: "function" },
  { symbol: "isPermission", kind: "function" },
  { symbol: "requirePermission", kind: "function" },
  { symbol: "hasPermission", kind: "function" },
  { symbol: "SchemaDigestQuery", kind: "type" },
  { symbol: "SchemaDigestMismatchError", kind: "class" },
  { symbol: "verifySchemaDigest", kind: "function" },
];

/** Top-level names the module declares besides its symbols: a `names` value must avoid them. */
export const TYPESCRIPT_MODULE_NAMES: ReadonlySet<string> = new Set([
  "PERMISSION_RENAMES",
  "ROLE_RENAMES",
  "isGranted",
  "isIterable",
  "freezeSet",
  "freezeMap",
  "rejectMutation",
  "describeValue",
  "SCHEMA_DIGEST_QUERY",
  "readValueColumn",
]);

/** TypeScript identifiers: ASCII, not a reserved word or a predefined type name. */
export const TYPESCRIPT_IDENTIFIER_RULES: IdentifierRules = {
  language: "TypeScript",
  pattern: /^[A-Za-z_$][A-Za-z0-9_$]*$/,
  patternText: "ASCII letters, digits, _ and $, not starting with a digit",
  reserved: new Set([...RESERVED_WORDS, "Object", "Map", "Set", "Error", "Array"]),
};
