/**
 * How schema values become Python identifiers, in one place (CONTRACT §5): UPPER_SNAKE of the
 * value, dots becoming underscores (`engagement.member` → `ENGAGEMENT_MEMBER`), and the check
 * that two values do not end up with the same name.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model } from "../../model/model.js";
import { convertToUpperSnakeCase } from "../case.js";
import { checkNameCollisions, ENUM_NAMES } from "../check-collisions.js";
import { buildNameTable, type NameTable } from "../name-table.js";

/**
 * Python keywords and soft keywords (`keyword.kwlist` + `keyword.softkwlist` of 3.11, and 3.12's
 * `type`). Schema values are lower-case, so their UPPER_SNAKE names can never be one of these;
 * the list is kept so that the escape rule holds if the value rules ever loosen.
 */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set(
  [
    "False None True and as assert async await break class continue def del elif else except",
    "finally for from global if import in is lambda nonlocal not or pass raise return try while",
    "with yield _ case match type",
  ]
    .join(" ")
    .split(" "),
);

/**
 * Escapes a would-be Python identifier in Python's own idiom (PEP 8: a trailing underscore)
 * when it is a keyword or a name `enum` reserves for itself (`_sunder_` and `__dunder__`
 * names); any other name is returned unchanged.
 */
export function escapePythonIdentifier(name: string): string {
  // Both reserved shapes start with `_`: other names skip the patterns.
  const reservedByEnum =
    name.startsWith("_") && (/^_[^_].*[^_]_$/.test(name) || /^__[^_].*[^_]__$/.test(name));
  return PYTHON_KEYWORDS.has(name) || reservedByEnum ? `${name}_` : name;
}

/** Converts a value to its enum member name: UPPER_SNAKE, escaped by `escapePythonIdentifier`. */
function convertMemberName(value: string): string {
  return escapePythonIdentifier(convertToUpperSnakeCase(value));
}

/** The member of every resource, action, permission and role of a model in its StrEnum. */
export type PythonNames = NameTable;

/**
 * Builds the Python enum member names of a model, the only place the Python target names them:
 * UPPER_SNAKE of a resource's or action's value, of a permission's key without namespace and of
 * a role's name (`engagement.member.manage` → `ENGAGEMENT_MEMBER_MANAGE`), escaped in Python's
 * idiom. Keyed by resource and action value, permission key and role name.
 */
export function buildPythonNames(model: Model): PythonNames {
  return buildNameTable("Python", model, {
    resource: (r) => convertMemberName(r.value),
    action: (a) => convertMemberName(a.value),
    permission: (p) => convertMemberName(p.localKey),
    role: (r) => convertMemberName(r.name),
  });
}

/**
 * Finds values that share a Python member name inside one enum (`a.b_c` and `a_b.c` are both
 * `A_B_C`): one PG0401 diagnostic per later value, at its position, naming both values and
 * the Python name. Resources, actions, permissions (by their key without namespace) and roles
 * are each their own enum, so a name may repeat across them.
 */
export function checkPythonNames(model: Model): readonly Diagnostic[] {
  return checkNameCollisions(model, buildPythonNames(model), {
    describe: (later, first, name) =>
      `${later.kind} "${later.value}" and ${first.kind} "${first.value}" are both named` +
      ` "${ENUM_NAMES[later.kind]}.${name}" in Python; rename one of them`,
  });
}
