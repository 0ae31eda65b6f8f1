/**
 * Every exported symbol of the Python module, in `__all__` order: what `names` may rename
 * (CONTRACT §13). One entry per symbol; the emitter, the config check and the README table read
 * this list.
 */
import type { IdentifierRules, SymbolSpec } from "../symbol-names.js";
import { PYTHON_KEYWORDS } from "./names.js";

export const PYTHON_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: "SCHEMA_DIGEST", kind: "const" },
  { symbol: "Resource", kind: "class" },
  { symbol: "Action", kind: "class" },
  { symbol: "Permission", kind: "class" },
  { symbol: "Role", kind: "class", when: "roles" },
  { symbol: "ALL_PERMISSIONS", kind: "const" },
  { symbol: "ALL_ROLES", kind: "const", when: "roles" },
  { symbol: "RESOURCE_ACTION_PAIRS", kind: "const" },
  { symbol: "PERMISSION_IDS", kind: "const" },
  { symbol: "ROLE_PERMISSIONS", kind: "const", when: "roles" },
  { symbol: "DEPRECATED_PERMISSIONS", kind: "const" },
  { symbol: "PermissionDenied", kind: "class" },
  { symbol: "permission_key", kind: "function" },
  { symbol: "has_permission", kind: "function" },
  { symbol: "permissions_of_roles", kind: "function", when: "roles" },
  { symbol: "check_permission", kind: "function" },
  { symbol: "granted_permissions", kind: "function", when: "fastapi" },
  { symbol: "require_permission", kind: "function", when: "fastapi" },
  { symbol: "SchemaDigestMismatch", kind: "class" },
  { symbol: "verify_schema_digest", kind: "function" },
];

/**
 * Module-level names the generated module uses besides its symbols (imports and private
 * helpers): a `names` value must not shadow one.
 */
export const PYTHON_MODULE_NAMES: ReadonlySet<string> = new Set([
  "enum",
  "warnings",
  "Callable",
  "Iterable",
  "Iterator",
  "Mapping",
  "MappingProxyType",
  "Final",
  "Literal",
  "Never",
  "overload",
  "Depends",
  "HTTPException",
  "_KEY_PREFIX",
  "_PERMISSION_OF_PAIR",
  "_ROLE_GRANTS",
  "_RENAMED_PERMISSIONS",
  "_RENAMED_ROLES",
  "_find_permission",
  "_strings",
  "_declared_permission",
  "_SCHEMA_DIGEST_QUERY",
  "_Cursor",
  "_Connection",
  "Any",
  "Protocol",
  "cast",
  "Sequence",
]);

/** Python identifiers: ASCII (PEP 3131 allows more, but generated code stays ASCII), no keyword. */
export const PYTHON_IDENTIFIER_RULES: IdentifierRules = {
  language: "Python",
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  patternText: "ASCII letters, digits and _, not starting with a digit",
  reserved: new Set([...PYTHON_KEYWORDS, "__all__", "__name__", "__doc__"]),
};
