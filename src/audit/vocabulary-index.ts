/**
 * The reverse of the generated name tables: from an identifier a user's code writes back to the
 * model member it names. Built from each target's own `names.ts` (buildTypeScriptNames,
 * buildPythonNames, buildGoNames, buildRustNames), never by re-deriving a name here, so the
 * audit reads code exactly as the emitters wrote it.
 */
import type { Action, Model, Permission, Resource, Role } from "../model/model.js";
import { buildGoNames, type GoNameOptions } from "../targets/go/names.js";
import type { NameLookup } from "../targets/name-table.js";
import { buildPythonNames } from "../targets/python/names.js";
import { buildRustNames } from "../targets/rust/names.js";
import { buildTypeScriptNames } from "../targets/typescript/names.js";

/** The languages the audit reads. */
export type AuditLanguage = "typescript" | "python" | "go" | "rust";

/** One language's identifiers → model members. */
export interface LanguageNames {
  readonly resources: ReadonlyMap<string, Resource>;
  readonly actions: ReadonlyMap<string, Action>;
  /** Absent for TypeScript, which has no permission identifiers (a permission is its key). */
  readonly permissions: ReadonlyMap<string, Permission>;
  readonly roles: ReadonlyMap<string, Role>;
  /** The identifier of a permission and of a role, for the suggestion a magic string gets. */
  readonly permissionName: (permission: Permission) => string | undefined;
  readonly roleName: (role: Role) => string;
}

/** Everything the scanners and the rules look up in the vocabulary. */
export interface VocabularyIndex {
  readonly model: Model;
  readonly names: Readonly<Record<AuditLanguage, LanguageNames>>;
  /** `resource value + "\0" + action value` → the declared pair. */
  readonly pairs: ReadonlyMap<string, Permission>;
  /** Every string a magic-string finding is about: full keys, keys without namespace, roles. */
  readonly magicStrings: ReadonlyMap<string, { readonly permission?: Permission; readonly role?: Role }>;
}

/** The pair lookup key of a resource and an action value. */
export function pairKey(resource: string, action: string): string {
  return `${resource}\u0000${action}`;
}

/**
 * Builds the reverse tables of every language from the model. The index holds one Go table:
 * `go` is the options of the config's first Go target (its `constantNames`), what suggestions
 * name constants by; a scan of a site resolves its constants through the table of the Go
 * target its import names (`buildGoPermissionNames`, on each GeneratedGoPackage).
 */
export function buildVocabularyIndex(model: Model, go: GoNameOptions = {}): VocabularyIndex {
  const byValue = <T extends { value: string }>(items: readonly T[]) => new Map(items.map((i) => [i.value, i]));
  const resources = byValue(model.resources);
  const actions = byValue(model.actions);
  const permissions = new Map(model.permissions.map((p) => [p.key, p]));
  const roles = new Map(model.roles.map((r) => [r.name, r]));
  const reverse = <T>(lookup: NameLookup | undefined, members: ReadonlyMap<string, T>): Map<string, T> => {
    const out = new Map<string, T>();
    for (const [key, name] of lookup?.entries ?? []) {
      const member = members.get(key);
      if (member !== undefined) out.set(name, member);
    }
    return out;
  };
  const ts = buildTypeScriptNames(model);
  const tables = { python: buildPythonNames(model), go: buildGoNames(model, go), rust: buildRustNames(model) };
  const full = (table: typeof tables.python): LanguageNames => ({
    resources: reverse(table.resource, resources),
    actions: reverse(table.action, actions),
    permissions: reverse(table.permission, permissions),
    roles: reverse(table.role, roles),
    permissionName: (p) => table.permission.get(p.key),
    roleName: (r) => table.role.get(r.name),
  });
  const names = {
    typescript: {
      resources: reverse(ts.resource, resources),
      actions: reverse(ts.action, actions),
      permissions: new Map<string, Permission>(),
      roles: reverse(ts.role, roles),
      permissionName: () => undefined,
      roleName: (r: Role) => ts.role.get(r.name),
    },
    python: full(tables.python),
    go: full(tables.go),
    rust: full(tables.rust),
  };
  const magicStrings = new Map<string, { permission?: Permission; role?: Role }>();
  for (const p of model.permissions) {
    magicStrings.set(p.key, { permission: p });
    if (!magicStrings.has(p.localKey)) magicStrings.set(p.localKey, { permission: p });
  }
  for (const r of model.roles) if (!magicStrings.has(r.name)) magicStrings.set(r.name, { role: r });
  const pairs = new Map(model.permissions.map((p) => [pairKey(p.resource.value, p.action.value), p]));
  return { model, names, pairs, magicStrings };
}

/** One Go target's permission constants → permissions, from its own options' name table. */
export function buildGoPermissionNames(model: Model, options: GoNameOptions): ReadonlyMap<string, Permission> {
  const byKey = new Map(model.permissions.map((p) => [p.key, p]));
  const out = new Map<string, Permission>();
  for (const [key, name] of buildGoNames(model, options).permission.entries) {
    const permission = byKey.get(key);
    if (permission !== undefined) out.set(name, permission);
  }
  return out;
}
