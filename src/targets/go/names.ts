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
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Model, SourcePosition } from "../../model/model.js";
import { convertToPascalCase } from "../case.js";
import { checkNameCollisions } from "../check-collisions.js";
import { buildNameTable, type NameTable } from "../name-table.js";
import { Codes } from "../../diagnostics/codes.js";
import { checkMaxBits } from "../max-bits.js";

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
  "SchemaDigestError",
  "VerifySchemaDigest",
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

/**
 * The Go name of a value under a kind prefix (`Resource`, `Action`, `Perm`, `Role`): what
 * `buildGoNames` gives each declaration, and what a `@renamedFrom` alias of an old value gets.
 */
export function convertGoName(prefix: string, value: string): string {
  return escapeGoName(`${prefix}${convertToPascalCase(value)}`);
}

/** The Go constant of every resource, action, permission and role of a model. */
export type GoNames = NameTable;

/**
 * How the Go target names permission constants (the `constantNames` option): `"key"` from the
 * key without namespace (`PermOrdersRead`), `"action"` from the action alone (`PermRead`), for
 * a package that holds one domain's permissions, as seed 004's domain packages do.
 */
export type GoConstantNames = "key" | "action";

/** The options every reader of the Go name table passes, so all of them read the same table. */
export interface GoNameOptions {
  readonly constantNames?: GoConstantNames | undefined;
}

/**
 * The Go constant of a permission from its key without namespace: what `buildGoNames` gives a
 * declared permission and what a `@renamedFrom` alias of an old key gets. With `"action"` only
 * the part after the last dot counts: an action value has no dot, a resource value may.
 */
export function convertGoPermissionName(
  localKey: string,
  constantNames: GoConstantNames = "key",
): string {
  const action = localKey.slice(localKey.lastIndexOf(".") + 1);
  return convertGoName("Perm", constantNames === "action" ? action : localKey);
}

/**
 * Builds the Go constant names of a model, the only place the Go target names them: a kind
 * prefix plus PascalCase of the value (`engagement.member` → `ResourceEngagementMember`,
 * `manage` → `ActionManage`, `rt_lead` → `RoleRtLead`), a permission from its key without
 * namespace (`engagement.member.manage` → `PermEngagementMemberManage`) or, with
 * `constantNames: "action"`, from its action (`PermManage`), escaped when it meets a name the
 * file declares. Keyed by resource and action value, permission key and role name.
 */
export function buildGoNames(model: Model, options: GoNameOptions = {}): GoNames {
  const name = convertGoName;
  return buildNameTable("Go", model, {
    resource: (r) => name("Resource", r.value),
    action: (a) => name("Action", a.value),
    permission: (p) => convertGoPermissionName(p.localKey, options.constantNames),
    role: (r) => name("Role", r.name),
  }, options.constantNames ?? "key");
}

/**
 * Checks that the model's names give distinct Go identifiers: two resources, actions,
 * permissions or roles that convert to the same name (`a.b_c` and `a_b.c` are both
 * `ResourceABC`; under `constantNames: "action"`, `orders.read` and `invoices.read` are both
 * `PermRead`) yield PG0401 at the second declaration, naming both and the Go name.
 * Different kinds cannot meet: their prefixes differ. The permissions of two colliding
 * resources are left to the resources' diagnostic.
 */
export function checkGoNames(
  model: Model,
  options: {
    readonly names?: Readonly<Record<string, string>> | undefined;
    readonly maxBits?: number | undefined;
  } & GoNameOptions = {},
): readonly Diagnostic[] {
  const table = buildGoNames(model, options);
  // Under "action" two resources' permissions with one action meet by design of the option,
  // so the message says how out of it: one domain per package, or the key's names.
  const hint =
    options.constantNames === "action"
      ? ' (constantNames "action" names a permission by its action alone: give each domain ' +
        'its own package and config, or use "key")'
      : "";
  return [
    ...checkNameCollisions(model, table, {
      skipDerivedPermissions: true,
      describe: (later, first, name) =>
        `${later.label} and ${first.label} both become the Go identifier ${name}; ` +
        `rename one of them${later.kind === "permission" ? hint : ""}`,
    }),
    ...checkRenamedAgainstVocabulary(model, table, options.names ?? {}),
    ...checkMaxBits(model, options.maxBits, "Go"),
  ];
}

/**
 * PG0406 at each declaration whose Go constant is a name `names` gives a symbol (`"Lookup":
 * "PermAlertRead"`): the file would declare it twice. The escape rule keeps the defaults apart;
 * a renamed symbol has to be checked against the vocabulary here, where the model is known.
 */
function checkRenamedAgainstVocabulary(
  model: Model,
  table: GoNames,
  names: Readonly<Record<string, string>>,
): Diagnostic[] {
  const wanted = new Map(Object.entries(names).map(([symbol, name]) => [name, symbol]));
  // The usual config renames no symbol: nothing to look up for each of 100,000 permissions.
  if (wanted.size === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const check = (kind: string, key: string, position: SourcePosition, name: string): void => {
    const symbol = wanted.get(name);
    if (symbol === undefined) return;
    diagnostics.push({
      code: Codes.NamesClashWithVocabulary,
      message:
        `the Go target's names maps ${JSON.stringify(symbol)} to ${name}, which is the ` +
        `constant of ${kind} ${JSON.stringify(key)}; choose another name`,
      file: position.file,
      line: position.line,
      column: position.column,
    });
  };
  for (const r of model.resources) check("resource", r.value, r.position, table.resource.get(r.value));
  for (const a of model.actions) check("action", a.value, a.position, table.action.get(a.value));
  for (const p of model.permissions) check("permission", p.key, p.position, table.permission.get(p.key));
  for (const r of model.roles) check("role", r.name, r.position, table.role.get(r.name));
  return diagnostics;
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
