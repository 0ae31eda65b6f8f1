/**
 * Every exported item of the Rust file: what `names` may rename (CONTRACT §13). One entry per
 * item; the emitter, the config check and the README table read this list.
 */
import type { IdentifierRules, SymbolSpec } from "../symbol-names.js";

export const RUST_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: "SCHEMA_DIGEST", kind: "const" },
  { symbol: "Resource", kind: "type" },
  { symbol: "Action", kind: "type" },
  { symbol: "Permission", kind: "type" },
  { symbol: "RESOURCE_ACTION_PAIRS", kind: "const" },
  { symbol: "Role", kind: "type", when: "roles" },
  { symbol: "ParseError", kind: "type" },
  { symbol: "PermissionDenied", kind: "type" },
  { symbol: "require_permission", kind: "function" },
  { symbol: "has_permission", kind: "function" },
];

/** Rust's strict and reserved keywords (2021 edition), and the names the file relies on. */
const RUST_KEYWORDS = [
  "as async await break const continue crate dyn else enum extern false fn for if impl in let",
  "loop match mod move mut pub ref return self Self static struct super trait true type unsafe",
  "use where while abstract become box do final macro override priv try typeof unsized virtual",
  "yield union std core alloc Option Some None Result Ok Err String Vec Box",
];

/** Rust identifiers (ASCII), not a keyword or a prelude name the file uses. */
export const RUST_IDENTIFIER_RULES: IdentifierRules = {
  language: "Rust",
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  patternText: "ASCII letters, digits and _, not starting with a digit",
  reserved: new Set(["_", ...RUST_KEYWORDS.join(" ").split(" ")]),
};
